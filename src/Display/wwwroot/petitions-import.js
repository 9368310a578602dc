// Import of a petition list: the clerk chooses a file, sees what the server read from it (columns, rows, problems,
// legacy-encoded text, likely duplicates) and imports it only when no problem is left. The same file is sent again
// for the import, so what is saved is exactly what the preview showed.
"use strict";

(async function () {
  const { $, el, setText } = MA;
  const { alertBox } = await MA.startStaffPage(["admin", "secretary"]);
  const KINDS = { Opinion: "Ý kiến", Request: "Kiến nghị", Unspecified: "" };
  const formatDate = MA.dayText;
  const state = { file: null, preview: null };

  function say(node, text, kind) {
    node.textContent = text;
    node.dataset.kind = kind || "error";
    node.hidden = !text;
  }

  function form(file) {
    const data = new FormData();
    data.append("file", file, file.name);
    return data;
  }

  function reset() {
    state.preview = null;
    $("#preview").hidden = true;
    $("#result").hidden = true;
    $("#commit").disabled = true;
  }

  function showFileName() {
    const file = $("#file").files[0];
    setText("#file-name", file ? file.name : "Chưa chọn tệp nào.");
  }

  $("#file").addEventListener("change", () => {
    reset();
    showFileName();
    say($("#choose-msg"), "");
  });

  $("#choose-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const file = $("#file").files[0];
    reset();
    if (!file) return say($("#choose-msg"), "Hãy chọn tệp danh sách kiến nghị (.xlsx hoặc .csv).");
    const button = $("#preview-button");
    button.disabled = true;
    say($("#choose-msg"), `Đang đọc tệp «${file.name}»…`, "ok");
    try {
      const preview = await MA.api("/api/petitions/import/preview", { method: "POST", body: form(file) });
      state.file = file;
      state.preview = preview;
      say($("#choose-msg"), "");
      show(preview, file.name);
      $("#preview-h").focus();
    } catch (error) {
      say($("#choose-msg"), `Không xem trước được tệp «${file.name}»: ${error.message}`);
      $("#file").focus();
    } finally {
      button.disabled = false;
    }
  });

  function show(preview, fileName) {
    const problems = [...preview.sheetProblems, ...preview.rowProblems];
    const problemsByRow = new Map();
    for (const p of preview.rowProblems) problemsByRow.set(p.rowNumber, [...(problemsByRow.get(p.rowNumber) || []), p.message]);
    const duplicatesByRow = new Map();
    for (const d of preview.duplicates) duplicatesByRow.set(d.rowNumber, [...(duplicatesByRow.get(d.rowNumber) || []), d.message]);

    setText("#summary",
      `Tệp «${fileName}», trang «${preview.sheetName}»: ${preview.rows.length} dòng kiến nghị` +
      (problems.length ? `, ${problems.length} lỗi cần sửa` : ", không có lỗi") +
      (preview.duplicates.length ? `, ${preview.duplicates.length} dòng có thể trùng.` : "."));
    const legacy = $("#legacy");
    legacy.hidden = !preview.legacyCellsConverted;
    setText(legacy, preview.legacyCellsConverted
      ? `Đã chuyển ${preview.legacyCellsConverted} ô chữ gõ bằng bảng mã cũ (TCVN3/ABC hoặc VNI) sang Unicode; hãy xem lại các dòng dưới đây.`
      : "");
    $("#columns").replaceChildren(
      ...preview.columns.map((c) => el("li", { class: "pp-chip" }, el("strong", { text: c.meaning }), ` ← cột ${columnName(c.column)} «${c.header}»`))
    );
    $("#problems-box").hidden = problems.length === 0;
    $("#problems").replaceChildren(...problems.map((p) => el("li", { text: p.message })));
    $("#duplicates-box").hidden = preview.duplicates.length === 0;
    $("#duplicates").replaceChildren(...preview.duplicates.map((d) => el("li", { text: d.message })));

    $("#rows").replaceChildren(
      ...preview.rows.flatMap((r) => {
        const rowProblems = problemsByRow.get(r.rowNumber) || [];
        const duplicates = duplicatesByRow.get(r.rowNumber) || [];
        const classes = [rowProblems.length ? "pp-problem" : "", duplicates.length ? "pp-duplicate" : ""].filter(Boolean).join(" ");
        const row = el("tr", { "data-row": String(r.rowNumber), class: classes || null },
          el("td", { text: String(r.rowNumber) }), el("td", { text: r.stt }), el("td", { text: r.name }), el("td", { text: r.address }),
          el("td", { text: r.field }), el("td", { text: r.department }), el("td", { class: "pp-content", text: r.content }),
          el("td", { text: KINDS[r.kind] || "" }), el("td", { text: formatDate(r.date) }));
        const notes = [...rowProblems.map((m) => ["pp-row-problem", m]), ...duplicates.map((m) => ["pp-row-duplicate", m])];
        if (notes.length === 0) return [row];
        return [row, el("tr", { class: "pp-note-row " + classes },
          el("td", { colspan: "9" }, ...notes.map(([cls, text]) => el("span", { class: cls, text }))))];
      })
    );

    $("#preview").hidden = false;
    const commit = $("#commit");
    commit.disabled = !preview.canCommit;
    setText(commit, preview.canCommit ? `Nhập vào sổ (${preview.rows.length} kiến nghị)` : "Nhập vào sổ");
    say($("#commit-msg"), preview.canCommit
      ? "Mọi dòng đọc được. Bấm «Nhập vào sổ» để lưu tất cả một lần."
      : "Chưa nhập được: hãy sửa các lỗi trên trong tệp, lưu lại, rồi chọn tệp và bấm «Xem trước» lần nữa.", preview.canCommit ? "ok" : "error");
  }

  /** 0 → A, 26 → AA: columns as Excel names them. */
  function columnName(index) {
    let name = "";
    for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
    return name;
  }

  $("#commit").addEventListener("click", async () => {
    const preview = state.preview;
    if (!preview || !preview.canCommit || !state.file) return;
    const question = `Nhập ${preview.rows.length} kiến nghị từ tệp «${state.file.name}» vào sổ theo dõi?` +
      (preview.duplicates.length ? ` Có ${preview.duplicates.length} dòng có thể trùng với kiến nghị đã có.` : "");
    if (!(await MA.confirm(question, "Nhập vào sổ"))) return;
    const commit = $("#commit");
    commit.disabled = true;
    say($("#commit-msg"), "Đang lưu…", "ok");
    try {
      const { saved } = await MA.api("/api/petitions/import/commit", { method: "POST", body: form(state.file) });
      $("#preview").hidden = true;
      $("#result").hidden = false;
      setText("#result-text", `Đã nhập ${saved} kiến nghị từ tệp «${state.file.name}» vào sổ theo dõi.`);
      state.preview = null;
      $("#file").value = "";
      showFileName();
      $("#result-h").focus();
    } catch (error) {
      const details = (error.problem && error.problem.problems) || [];
      say($("#commit-msg"), [error.message, ...details].join(" "));
      commit.disabled = false;
      MA.alert(alertBox, error.message);
    }
  });
})();
