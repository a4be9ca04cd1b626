// Large-text mode remembered across pages (the header button toggles html.bigtext).
(function () {
  var root = document.documentElement;
  try { if (localStorage.getItem("gongkai-bigtext") === "1") root.classList.add("bigtext"); } catch (e) {}
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest(".bigtext-toggle, [data-bigtext]");
    if (!toggle) return;
    if (toggle.hasAttribute("data-bigtext")) { event.preventDefault(); root.classList.toggle("bigtext"); }
    var on = root.classList.contains("bigtext");
    try { localStorage.setItem("gongkai-bigtext", on ? "1" : "0"); } catch (e) {}
    document.querySelectorAll(".bigtext-toggle").forEach(function (b) { b.setAttribute("aria-pressed", String(on)); });
  });
})();
