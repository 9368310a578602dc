// Login: after signing in, go back to the page that asked for it, or to the screen of the user's role.
"use strict";

(function () {
  const { $ } = MA;
  const HOME = { chair: "/chair", desk: "/desk", admin: "/setup", secretary: "/" };

  function nextUrl(role) {
    const next = new URLSearchParams(location.search).get("next") || "";
    // Only local paths: the login page must not become an open redirect.
    if (next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") && !next.startsWith("/login")) return next;
    return HOME[role] || "/";
  }

  // Enabled only once this script runs: a click before that would post the password in the address bar.
  $("#submit").disabled = false;

  $("#form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const userName = $("#user").value.trim();
    const password = $("#password").value;
    if (!userName || !password) {
      MA.alert($("#alert"), "Hãy nhập tên đăng nhập và mật khẩu.");
      return;
    }
    try {
      await MA.session(true);
      const result = await MA.api("/api/auth/login", { method: "POST", body: { userName, password } });
      location.href = nextUrl(result.role);
    } catch (err) {
      MA.alert($("#alert"), err.message);
      $("#password").select();
    }
  });
})();
