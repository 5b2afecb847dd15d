// Progressive enhancement only: every page works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // mark the current section in the navigation bar
  const section = location.pathname.split("/")[1] || "overview";
  for (const link of document.querySelectorAll("header nav a[data-nav]")) {
    if (link.dataset.nav === section) link.classList.add("current");
  }
  // filters apply as soon as a select changes
  const filters = document.querySelector("form.filters");
  if (filters) {
    for (const select of filters.querySelectorAll("select")) {
      select.addEventListener("change", () => filters.requestSubmit());
    }
  }
  // an evidence link scrolls its sentence into the middle of the screen
  const target = location.hash && document.getElementById(location.hash.slice(1));
  if (target) target.scrollIntoView({ block: "center" });
});
