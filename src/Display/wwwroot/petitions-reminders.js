// The reminder list a clerk prints in the morning: overdue petitions and those due within three working days, grouped
// by department, with the dates of the hall's calendar (the server computes them in Vietnam time).
"use strict";

(async function () {
  const { $, el, setText } = MA;
  const { alertBox } = await MA.startStaffPage(["admin", "chair", "desk", "secretary", "department"]);
  const formatDate = MA.dayText;
  const UNASSIGNED = "Chưa phân công";

  $("#print").addEventListener("click", () => window.print());

  try {
    const reminders = await MA.api("/api/petitions/reminders");
    const now = new Date().toLocaleString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh", hour: "2-digit", minute: "2-digit", day: "2-digit", month: "2-digit", year: "numeric" });
    setText("#printed-at", `Lập lúc ${now} (giờ Việt Nam)`);
    const late = reminders.filter((r) => r.daysLate > 0).length;
    setText("#counts", `${reminders.length} kiến nghị: ${late} quá hạn, ${reminders.length - late} sắp đến hạn.`);

    const groups = new Map();
    for (const r of reminders) {
      const name = r.petition.department || UNASSIGNED;
      groups.set(name, [...(groups.get(name) || []), r]);
    }
    const names = [...groups.keys()].sort((a, b) => (a === UNASSIGNED) - (b === UNASSIGNED) || a.localeCompare(b, "vi"));
    $("#departments").replaceChildren(
      ...(reminders.length === 0 ? [el("p", { class: "rm-empty", text: "Không có kiến nghị nào quá hạn hoặc sắp đến hạn." })] : []),
      ...names.map((name) => {
        const rows = groups.get(name);
        return el("section", { class: "rm-department", "aria-label": name },
          el("h3", { text: `${name} (${rows.length})` }),
          el("table", { class: "rm-table" },
            el("thead", {}, el("tr", {}, ...["Số", "Người kiến nghị", "Nội dung", "Lĩnh vực", "Hạn trả lời", "Tình trạng"].map((t) => el("th", { text: t })))),
            el("tbody", {}, ...rows.map((r) =>
              el("tr", { "data-id": String(r.petition.id) },
                el("td", { class: "rm-num", text: String(r.petition.id) }),
                el("td", { text: r.petition.petitioner + (r.petition.address ? ` (${r.petition.address})` : "") }),
                el("td", { text: r.petition.content }),
                el("td", { text: r.petition.field }),
                el("td", { class: "rm-num", text: formatDate(r.petition.dueDate) + (r.petition.extended ? " (đã gia hạn)" : "") }),
                el("td", { class: r.daysLate > 0 ? "rm-late" : null, text: r.daysLate > 0 ? `Quá hạn ${r.daysLate} ngày` : "Sắp đến hạn" }))))));
      })
    );
  } catch (error) {
    MA.alert(alertBox, error.message);
  }
})();
