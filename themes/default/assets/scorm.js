// Reports a module page of a SCORM package to the LMS: reading position, completion, quiz score, session time.
// Acts only on pages with <meta name="mika:package" content="scorm12|scorm2004"> and an LMS API; never throws.
(function () {
  "use strict";
  var doc = document, root = doc.documentElement;

  function meta(name) {
    var element = doc.querySelector('meta[name="' + name + '"]');
    return element ? element.getAttribute("content") || "" : "";
  }

  function safe(fn) {
    return function (event) { try { fn(event); } catch (e) { /* the page must never see an error */ } };
  }

  safe(function () {
    var kind = meta("mika:package"), v12 = kind === "scorm12";
    if ((!v12 && kind !== "scorm2004") || window.mikaScorm) { return; }
    var K = v12 ? {
      api: "API", tries: 7, init: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit",
      end: "LMSFinish", mode: "cmi.core.lesson_mode", entry: "cmi.core.entry", loc: "cmi.core.lesson_location",
      status: "cmi.core.lesson_status", score: "cmi.core.score.", time: "cmi.core.session_time",
      exit: "cmi.core.exit", pass: "cmi.student_data.mastery_score", max: 4096
    } : {
      api: "API_1484_11", tries: 500, init: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit",
      end: "Terminate", mode: "cmi.mode", entry: "cmi.entry", loc: "cmi.location",
      status: "cmi.completion_status", score: "cmi.score.", time: "cmi.session_time",
      exit: "cmi.exit", pass: "cmi.scaled_passing_score", max: 64000
    };

    // The API sits on this window, a parent (frames) or the opener's window or its parents.
    function scan(win) {
      for (var i = 0; win && i <= K.tries; i++) {
        try { if (win[K.api] && win[K.api][K.init]) { return win[K.api]; } } catch (e) { /* cross-origin */ }
        var parent = null;
        try { parent = win.parent; } catch (e) { /* none */ }
        if (!parent || parent === win) { break; }
        win = parent;
      }
      return null;
    }
    var api = scan(window), opener = null;
    if (!api) { try { opener = window.opener; } catch (e) { /* none */ } api = scan(opener); }

    // For beacon.js, on pages that carry its salt: a promise of the learner's pseudonym, the first 16 hex digits of
    // SHA-256 of "<salt>:<learner id>" ("" where the browser cannot hash). The learner id never leaves the page.
    function learner() {
      var salt = meta("mika:salt"), id = salt && get(v12 ? "cmi.core.student_id" : "cmi.learner_id");
      var subtle = window.crypto && window.crypto.subtle;
      if (!id || !subtle || !window.TextEncoder) { return; }
      window.mikaLearner = subtle.digest("SHA-256", new TextEncoder().encode(salt + ":" + id)).then(function (hash) {
        return Array.prototype.map.call(new Uint8Array(hash, 0, 8), function (byte) {
          return (byte < 16 ? "0" : "") + byte.toString(16);
        }).join("");
      }, function () { return ""; });
    }

    function call(name, a, b) {
      try {
        var result = b === undefined ? api[name](a) : api[name](a, b);
        return result === undefined || result === null ? "" : String(result);
      } catch (e) { return ""; }
    }
    function get(key) { return call(K.get, key); }
    function set(key, value) { call(K.set, key, String(value)); }

    if (!api) { return; }
    window.mikaScorm = true;
    if (call(K.init, "") !== "true") { return; }
    try { learner(); } catch (e) { /* no pseudonym */ }

    var started = new Date().getTime(), done = false, reached = false, position = 0, success = "", results = {};
    var saved = {};
    var normal = !/^(browse|review)$/.test(get(K.mode));
    var status = get(K.status);
    if (normal && /^(not attempted|unknown|)$/.test(status)) { set(K.status, status = "incomplete"); }
    var resume = get(K.entry) === "resume";
    if (resume) {
      try { saved = JSON.parse(get("cmi.suspend_data")) || {}; } catch (e) { /* not ours */ }
      if (typeof saved !== "object") { saved = {}; }
    }
    // ended: the end was reached in this attempt (kept in suspend_data); reached: in this session.
    var ended = saved.e === 1, forms = doc.querySelectorAll("form.quiz");
    for (var i = 0; i < forms.length; i++) {
      var old = saved.q && saved.q[forms[i].id];
      if (typeof old === "number") { results[forms[i].id] = old; }
    }

    function range() { return Math.max(0, root.scrollHeight - (window.innerHeight || root.clientHeight)); }
    function track() {
      var r = range();
      if (r > 0 && !done) { position = Math.min(100, Math.max(0, Math.round((window.pageYOffset / r) * 100))); }
    }
    function whenLoaded(fn) {
      if (doc.readyState === "complete") { fn(); } else { window.addEventListener("load", safe(fn)); }
    }

    var target = resume ? parseInt(get(K.loc), 10) : NaN;
    if (isNaN(target) && typeof saved.p === "number") { target = saved.p; }
    if (target >= 0 && target <= 100) {
      position = Math.round(target);
      whenLoaded(function () { window.scrollTo(0, Math.round((range() * position) / 100)); });
    }

    function save() {
      set(K.loc, position);
      var data = { p: position }, any = false, text;
      if (ended) { data.e = 1; }
      for (var id in results) { if (results.hasOwnProperty(id)) { any = true; } }
      if (any) { data.q = results; }
      text = JSON.stringify(data);
      if (text.length > K.max) { text = JSON.stringify({ p: position, e: data.e }); }
      set("cmi.suspend_data", text);
    }

    function setStatus(value) { set(K.status, status = value); }

    function score() {
      var raw = 0, max = 0, mastery, passed;
      for (var i = 0; i < forms.length; i++) {
        max += parseInt(forms[i].getAttribute("data-total"), 10) || 0;
        if (results.hasOwnProperty(forms[i].id)) { raw += results[forms[i].id]; }
      }
      raw = Math.round(raw * 100) / 100;
      set(K.score + "raw", raw);
      set(K.score + "max", max);
      set(K.score + "min", 0);
      // The LMS's pass mark: points in 1.2 (compared with raw), a scaled score in 2004. Else the page's percent.
      // Compared without dividing: 57 of 100 points are 57 %, though 57 / 100 * 100 < 57 in floating point.
      mastery = parseFloat(get(K.pass));
      if (!isNaN(mastery)) {
        passed = v12 ? raw >= mastery - 1e-7 : raw >= mastery * max - 1e-7;
      } else {
        mastery = parseFloat(meta("mika:mastery"));
        passed = raw * 100 >= mastery * max - 1e-7;
      }
      if (v12) {
        setStatus(max > 0 && !isNaN(mastery) ? (passed ? "passed" : "failed") : "completed");
      } else if (max > 0) {
        set(K.score + "scaled", Math.min(1, raw / max).toFixed(7).replace(/\.?0+$/, ""));
        if (!isNaN(mastery)) { set("cmi.success_status", success = passed ? "passed" : "failed"); }
      }
    }

    function reachEnd() {
      if (reached || done || !normal) { return; }
      reached = ended = true;
      if (!v12 || !/^(passed|failed)$/.test(status)) { setStatus("completed"); }
      call(K.commit, "");
    }

    // Session time: 1.2 CMITimespan HHHH:MM:SS.SS, 2004 ISO 8601 duration (hundredths of a second).
    function pad(n) { return (n < 10 ? "0" : "") + n; }
    function duration(ms) {
      var cs = Math.max(0, Math.round(ms / 10)), h = Math.floor(cs / 360000), m = Math.floor(cs / 6000) % 60;
      var s = cs % 6000;
      if (!v12) { return "PT" + (h ? h + "H" : "") + (m ? m + "M" : "") + s / 100 + "S"; }
      if (h > 9999) { h = 9999; m = 59; s = 5999; }
      return pad(h) + ":" + pad(m) + ":" + pad(Math.floor(s / 100)) + "." + pad(s % 100);
    }

    function leave() {
      if (done) { return; }
      done = true;
      save();
      set(K.time, duration(new Date().getTime() - started));
      var finished = v12 ? /^(completed|passed)$/.test(status) : status === "completed" && success !== "failed";
      set(K.exit, finished ? (v12 ? "" : "normal") : "suspend");
      call(K.commit, "");
      call(K.end, "");
    }

    doc.addEventListener("mika:quiz-scored", safe(function (event) {
      var detail = event.detail || {}, id = detail.quiz || (event.target && event.target.id);
      if (done || !normal || !id) { return; }
      results[id] = Number(detail.points) || 0;
      score();
      save();
      call(K.commit, "");
    }));

    var end = doc.querySelector("[data-mika-end]");
    function check() {
      if (end && end.getBoundingClientRect().top <= (window.innerHeight || root.clientHeight)) { reachEnd(); }
    }
    if (end && window.IntersectionObserver) {
      var observer = new IntersectionObserver(safe(function (entries) {
        for (var i = 0; i < entries.length; i++) {
          if (entries[i].isIntersecting) { observer.disconnect(); reachEnd(); }
        }
      }));
      observer.observe(end);
    } else if (end) {
      window.addEventListener("resize", safe(check));
      window.addEventListener("scroll", safe(check));
      whenLoaded(check);
    }

    window.addEventListener("scroll", safe(track), { passive: true });
    whenLoaded(track);
    doc.addEventListener("visibilitychange", safe(function () {
      if (doc.visibilityState === "hidden" && !done) { save(); call(K.commit, ""); }
    }));
    // pagehide ends the session; unload only where there is no pagehide. (Not beforeunload: a "leave page?"
    // prompt could keep the learner on a page whose session had ended.)
    window.addEventListener("pagehide", safe(leave));
    if (!("onpagehide" in window)) { window.addEventListener("unload", safe(leave)); }
  })();
})();
