// 正文 editor: a small contenteditable editor over a <textarea data-richtext>. Without
// JavaScript the textarea stays as it is. Pasted content (from Word, WPS or a web page) keeps
// its headings, paragraphs, lists and tables; everything else is dropped here with the same
// allow-list the server applies on save (publications/text.py BODY_TAGS), so what the clerk
// sees is what will be saved. No inline script or style: CSP-safe.
(function () {
  "use strict";
  var TAGS = ["p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "ul", "ol", "li",
    "blockquote", "table", "thead", "tbody", "tr", "th", "td", "a", "sub", "sup", "hr"];
  var RENAME = { h1: "h2", h5: "h4", h6: "h4", div: "p", tfoot: "tbody", caption: "p" };
  var ATTRS = { a: ["href", "title"], td: ["colspan", "rowspan"], th: ["colspan", "rowspan"] };
  var DROP = ["script", "style", "meta", "link", "title", "xml", "head", "object", "iframe", "img", "svg"];

  function clean(node, doc) {
    var out = doc.createDocumentFragment();
    node.childNodes.forEach(function (child) {
      if (child.nodeType === 3) { out.appendChild(doc.createTextNode(child.nodeValue)); return; }
      if (child.nodeType !== 1) return;  // comments (Word's <!--[if ...]>) and the rest
      var name = child.nodeName.toLowerCase();
      if (name.indexOf(":") >= 0 || DROP.indexOf(name) >= 0) return;  // <o:p>, <style>, …
      name = RENAME[name] || name;
      var inner = clean(child, doc);
      if (TAGS.indexOf(name) < 0) { out.appendChild(inner); return; }  // keep the text
      var el = doc.createElement(name);
      (ATTRS[name] || []).forEach(function (attr) {
        var value = child.getAttribute(attr);
        if (value === null) return;
        if (attr === "href" && !/^(https?:|mailto:)/i.test(value.trim())) return;
        el.setAttribute(attr, value);
      });
      el.appendChild(inner);
      out.appendChild(el);
    });
    return out;
  }

  function cleanHtml(html) {
    var parsed = new DOMParser().parseFromString(html, "text/html");
    var holder = document.createElement("div");
    holder.appendChild(clean(parsed.body, document));
    return holder.innerHTML;
  }

  function button(label, title, run) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.title = title;
    b.addEventListener("mousedown", function (e) { e.preventDefault(); });  // keep the selection
    b.addEventListener("click", run);
    return b;
  }

  function setup(textarea) {
    var wrap = document.createElement("div");
    wrap.className = "rt";
    var bar = document.createElement("div");
    bar.className = "rt-bar";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", "格式工具栏");
    var area = document.createElement("div");
    area.className = "rt-area";
    area.contentEditable = "true";
    area.setAttribute("role", "textbox");
    area.setAttribute("aria-multiline", "true");
    var label = document.querySelector('label[for="' + textarea.id + '"]');
    if (label) { area.setAttribute("aria-label", label.textContent.replace("*", "").trim()); }
    // Enter starts a new <p> (Chrome's default is a <div>, which the allow-list would drop,
    // running the paragraphs together); an empty body starts inside a paragraph, so the
    // first line typed is one too.
    document.execCommand("defaultParagraphSeparator", false, "p");
    function blank() { return !area.textContent.trim() && !area.querySelector("table, ul, ol, hr"); }
    function load() {
      area.innerHTML = cleanHtml(textarea.value);
      if (blank()) area.innerHTML = "<p><br></p>";
    }
    load();
    // Back (or a reload) fetches the page again and the browser refills the hidden textarea
    // after this script ran: show what it kept instead of the page's empty body.
    window.addEventListener("pageshow", function () {
      if (textarea.value !== (blank() ? "" : area.innerHTML)) load();
    });
    function cmd(name, value) { return function () { area.focus(); document.execCommand(name, false, value); sync(); }; }
    [
      ["标题", "二级标题", cmd("formatBlock", "h2")],
      ["小标题", "三级标题", cmd("formatBlock", "h3")],
      ["正文", "普通段落", cmd("formatBlock", "p")],
      ["加粗", "加粗", cmd("bold")],
      ["• 列表", "项目列表", cmd("insertUnorderedList")],
      ["1. 列表", "编号列表", cmd("insertOrderedList")],
      ["清除格式", "清除所选文字的格式", cmd("removeFormat")],
    ].forEach(function (b) { bar.appendChild(button(b[0], b[1], b[2])); });
    function sync() { textarea.value = blank() ? "" : area.innerHTML; }
    area.addEventListener("input", sync);
    area.addEventListener("paste", function (event) {
      var data = event.clipboardData;
      if (!data) return;
      var html = data.getData("text/html");
      event.preventDefault();
      if (html) {
        document.execCommand("insertHTML", false, cleanHtml(html));
      } else {
        var text = data.getData("text/plain");
        var paragraphs = text.split(/\r?\n/).filter(function (line) { return line.trim(); });
        var holder = document.createElement("div");
        paragraphs.forEach(function (line) {
          var p = document.createElement("p");
          p.textContent = line;
          holder.appendChild(p);
        });
        document.execCommand("insertHTML", false, holder.innerHTML);
      }
      sync();
    });
    if (textarea.form) textarea.form.addEventListener("submit", sync);
    textarea.classList.add("rt-source");
    textarea.setAttribute("aria-hidden", "true");
    textarea.tabIndex = -1;
    area.id = textarea.id + "_editor";
    if (label) label.htmlFor = area.id;
    textarea.parentNode.insertBefore(wrap, textarea);
    wrap.appendChild(bar);
    wrap.appendChild(area);
  }

  function init() { document.querySelectorAll("textarea[data-richtext]").forEach(setup); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
