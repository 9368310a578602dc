// A passage marked "kiến nghị" has a draft petition in the registry (the server creates it once, with the speaker,
// the text and the moment on the meeting clock); each such passage links to it. Uses the TE object of transcript-editor.js.
"use strict";

(async function () {
  const { el } = MA;
  await TE.ready;

  function link(p) {
    const id = p.data.petitionId;
    let a = p.node.querySelector("a.te-petition");
    if (!id) {
      if (a) a.remove();
      return;
    }
    if (!a) {
      a = el("a", { class: "te-petition" });
      p.node.querySelector(".te-actions").append(a);
    }
    a.href = `/petitions?id=${id}`;
    a.textContent = `Kiến nghị số ${id}`;
    a.title = p.data.mark === "Petition" ? "Mở kiến nghị đã tạo từ đoạn này trong sổ kiến nghị" : "Kiến nghị đã tạo khi đoạn này được đánh dấu (đã bỏ dấu, kiến nghị vẫn giữ trong sổ)";
  }

  const all = () => { for (const p of TE.passages.values()) link(p); };
  TE.onView.push(all);
  all();
})();
