// Keyboard for a suggestion list under a text field (the desk's name and petition fields): ↑/↓ move the highlight,
// Enter picks the highlighted row, Escape closes the list. The clerk types slips with both hands on the keyboard,
// so both lists must answer the same keys the same way.
"use strict";
(() => {
  /**
   * Handles one keydown for an open list. `list` gives: count() rows shown, active() highlighted index (-1 none),
   * highlight(i), pick(i), close(). Returns true when the key was the list's.
   */
  window.MA.suggestionKeys = (e, list) => {
    const active = list.active();
    if (e.key === "ArrowDown") {
      e.preventDefault();
      list.highlight(Math.min(active + 1, list.count() - 1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      list.highlight(Math.max(active - 1, -1));
    } else if (e.key === "Enter" && active >= 0) {
      e.preventDefault();
      list.pick(active);
    } else if (e.key === "Escape") {
      list.close();
    } else {
      return false;
    }
    return true;
  };
})();
