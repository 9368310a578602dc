// Desk: a slip may name a petition of the registry (this meeting's, or any still open), picked from the keyboard like
// a person: type part of the petitioner, the content or the number, ↑ ↓ to choose, Enter to take it.
"use strict";

window.DeskPetitions = {
  /**
   * Wires the petition combobox of the slip form; meetingId() is the meeting the desk shows now. Returns
   * { id() the chosen petition or null, problem() what stops the slip (typed but not chosen), clear() }.
   */
  attach(meetingId) {
    const { $, el, setText } = MA;
    const input = $("#petition");
    const list = $("#petition-suggestions");
    let chosen = null;
    let items = [];
    let active = -1;
    let seq = 0;
    let timer = null;

    function show(found) {
      items = found;
      active = -1;
      list.replaceChildren(
        ...found.map((p, i) =>
          el(
            "li",
            {
              id: `petition-sugg-${i}`,
              role: "option",
              "aria-selected": "false",
              onmousedown: (e) => {
                e.preventDefault();
                pick(i);
              },
            },
            `Số ${p.id}: ${p.petitioner}`,
            el("span", { text: `${p.statusLabel}${p.ofThisMeeting ? "" : " · kiến nghị khác hội nghị"}` }),
            el("small", { class: "d-petition-content", text: p.content })
          )
        )
      );
      const open = found.length > 0;
      list.hidden = !open;
      input.setAttribute("aria-expanded", String(open));
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      active = index;
      [...list.children].forEach((li, i) => li.setAttribute("aria-selected", String(i === index)));
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", `petition-sugg-${index}`);
        list.children[index].scrollIntoView({ block: "nearest" });
      } else input.removeAttribute("aria-activedescendant");
    }

    function pick(index) {
      const p = items[index];
      if (!p) return;
      chosen = p;
      input.value = `Số ${p.id}: ${p.petitioner}`;
      setText("#petition-chosen", `Phiếu sẽ gắn với kiến nghị số ${p.id} (${p.statusLabel}): ${p.content}`);
      show([]);
    }

    async function search() {
      const mine = ++seq;
      try {
        const found = await MA.api(`/api/meetings/${meetingId()}/floor-petitions?q=${encodeURIComponent(input.value.trim())}`);
        // Only the latest search may draw: answers can come back out of order.
        if (mine === seq && document.activeElement === input) show(found);
      } catch {
        /* suggestions are a convenience; the slip can be saved without a petition */
      }
    }

    input.addEventListener("input", () => {
      if (chosen) {
        chosen = null;
        setText("#petition-chosen", "");
      }
      clearTimeout(timer);
      if (!input.value.trim()) {
        show([]);
        return;
      }
      timer = setTimeout(search, 150);
    });
    input.addEventListener("keydown", (e) => {
      if (e.key === "ArrowDown" && list.hidden && !chosen) {
        // ↓ in an empty field lists this meeting's petitions without typing.
        e.preventDefault();
        search();
        return;
      }
      if (list.hidden) return;
      MA.suggestionKeys(e, {
        count: () => items.length,
        active: () => active,
        highlight,
        pick,
        close: () => show([]),
      });
    });
    input.addEventListener("blur", () => setTimeout(() => show([]), 150));

    return {
      id: () => (chosen ? chosen.id : null),
      problem: () =>
        !chosen && input.value.trim()
          ? "Chưa chọn kiến nghị trong danh sách gợi ý. Hãy chọn một kiến nghị (↑ ↓ rồi Enter) hoặc xóa ô Kiến nghị liên quan."
          : null,
      clear() {
        chosen = null;
        setText("#petition-chosen", "");
        show([]);
      },
      focus: () => input.focus(),
    };
  },
};
