// The little behaviour the pages have, from a file: the Content-Security-Policy allows no
// inline script, no onclick= and no javascript: links.
(function () {
  var root = document.documentElement;

  // Large-text mode (portal): ?big=1 in the address or remembered across pages.
  try { if (localStorage.getItem("gongkai-bigtext") === "1") root.classList.add("bigtext"); } catch (e) {}
  if (/[?&]big=1(&|$)/.test(location.search)) root.classList.add("bigtext");

  // The 大字 button says whether large text is on from the start, not only once clicked.
  document.querySelectorAll(".bigtext-toggle").forEach(function (b) {
    b.setAttribute("aria-pressed", String(root.classList.contains("bigtext")));
  });

  // A refused form (core/_form_fields.html): focus goes to its error summary, so a screen
  // reader reads what to fix; the title says 错误： too (base.html does so when the view's form
  // is called `form`; this covers the others).
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    if (document.title.indexOf("错误：") !== 0) document.title = "错误：" + document.title;
    summary.focus();
    // a form posted to #anchor: the browser's own scroll to it comes after, and takes focus
    window.addEventListener("load", function () { setTimeout(function () { summary.focus(); }, 0); });
  }

  document.addEventListener("click", function (event) {
    var toggle = event.target.closest(".bigtext-toggle, [data-bigtext]");
    if (toggle) {
      event.preventDefault();
      root.classList.toggle("bigtext");
      var on = root.classList.contains("bigtext");
      try { localStorage.setItem("gongkai-bigtext", on ? "1" : "0"); } catch (e) {}
      document.querySelectorAll(".bigtext-toggle").forEach(function (b) { b.setAttribute("aria-pressed", String(on)); });
      return;
    }
    if (event.target.closest("[data-print]")) { window.print(); return; }
    var back = event.target.closest("[data-back]");
    if (back && history.length > 1) { event.preventDefault(); history.back(); }
  });

  // Fields marked data-outcomes (the reply form) show only for those reply types, chosen in
  // the form's select named outcome; all show while none is chosen, and a field with an error
  // always shows. Hidden fields still send what was typed: the server decides.
  function showForOutcome(form) {
    var select = form && form.querySelector("select[name=outcome]");
    if (!select) return;
    form.querySelectorAll("[data-outcomes]").forEach(function (input) {
      var field = input.closest(".field");
      if (!field) return;
      var wanted = input.getAttribute("data-outcomes").split(" ");
      field.hidden = !(select.value === "" || wanted.indexOf(select.value) >= 0 || field.classList.contains("has-error"));
    });
  }
  document.querySelectorAll("form").forEach(showForOutcome);
  document.addEventListener("change", function (event) {
    if (event.target.matches("select[name=outcome]")) showForOutcome(event.target.form);
  });

  // A file field of the site's upload rule (data-max-files, data-max-mb) says at once, at the
  // field, that too many files or too big a file was chosen. Only a hint: the server decides.
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches("input[type=file][data-max-files]")) return;
    var most = Number(input.getAttribute("data-max-files"));
    var mb = Number(input.getAttribute("data-max-mb"));
    var files = Array.prototype.slice.call(input.files || []);
    var big = files.filter(function (f) { return f.size > mb * 1048576; });
    var text = files.length > most ? "最多可选" + most + "个文件，您选择了" + files.length + "个，请减少后重新选择。"
      : big.length ? "“" + big[0].name + "”超过" + mb + "MB，请压缩或拆分后再上传。" : "";
    var note = input.parentNode.querySelector("[data-precheck]");
    if (!note) {
      note = document.createElement("p");
      note.className = "error";
      note.setAttribute("data-precheck", "");
      note.setAttribute("role", "alert");
      input.insertAdjacentElement("afterend", note);
    }
    note.textContent = text;
    note.hidden = !text;
  });

  // Forms marked data-once: the button is disabled after the first submit (the server also
  // refuses duplicates).
  document.addEventListener("submit", function (event) {
    var button = event.target.querySelector("[data-once]");
    if (button) setTimeout(function () { button.disabled = true; button.textContent = "正在提交…"; }, 0);
  });
})();
