// Learning beacon: docs/beacon-protocol.md. Pseudonym: scorm.js's window.mikaLearner, or the opted-in one.
(function () {
  "use strict";
  var w = window, d = document, nav = navigator, E = encodeURIComponent;
  var queue = [], sent = 0, active = 0, total = 0, input = Date.now(), quarters = 0, ended, timer;

  function encode(r, events) {
    return "v=1" + "ksnplc".replace(/./g, function (k) {
      return r[k] || k == "p" ? "&" + k + "=" + E(r[k]).replace(/%2F/g, "/") : "";
    }) + "&e=" + events.map(function (e) {
      return e.name + " seconds percent question correct points url step".replace(/ (\w+)/g, function (all, k) {
        return k in e ? ":" + E(e[k] === !!e[k] ? +e[k] : e[k]) : "";
      });
    }).join(";");
  }
  w.mikaBeacon = { encode: encode };

  function meta(name) {
    return (d.getElementsByName("mika:" + name)[0] || {}).content || "";
  }
  function on(target, type, fn, options) {
    target.addEventListener(type, function (e) { try { fn(e); } catch (x) { } }, options);
  }

  function flush(urgent) {
    timer = 0;
    while (queue[0] && sent < (urgent ? 60 : 50)) {
      var n = 0, r = { k: key, s: session, n: sent + 1, p: page, l: w.mikaLearner, c: cohort };
      try { r.l = r.l || localStorage.getItem("mika:lernkennung"); } catch (x) { }
      while (queue[n] && n < 20 && (url + encode(r, queue.slice(0, n + 1))).length < 2001) { n++; }
      if (!n) { queue.shift(); continue; }
      r = url + encode(r, queue.splice(0, n));
      sent++;
      if (w.Request && "keepalive" in Request.prototype) {
        fetch(r, { keepalive: true, credentials: "omit", mode: "no-cors", cache: "no-store" })["catch"](Object);
      } else if (!nav.sendBeacon || !nav.sendBeacon(r)) {
        new Image().src = r;
      }
    }
  }
  function add(event, urgent) {
    queue.push(event);
    if (urgent) { flush(1); } else { timer = timer || setTimeout(flush, 15000); }
  }
  function time(least) {
    if (active >= least) {
      add({ name: "active", seconds: active });
      total += active;
      active = 0;
    }
  }

  function begin() {
    var article = d.querySelector("article.module"), end = d.querySelector("[data-mika-end]");
    function read() {
      var box = !d.hidden && article && article.getBoundingClientRect();
      while (box && quarters < 4 && innerHeight - box.top >= box.height * (quarters + 1) / 4) {
        add({ name: "progress", percent: ++quarters * 25 });
      }
      if (box && end && !ended && end.getBoundingClientRect().top <= innerHeight) {
        add({ name: "complete" }, ended = 1);
      }
    }
    add({ name: "view" }, 1);
    setInterval(function () {
      if (!d.hidden) {
        active += Date.now() - input < 6e4;
        time(15);
        read();
      }
    }, 1000);
    "keydown pointerdown pointermove scroll".split(" ").forEach(function (type) {
      on(w, type, function () {
        input = Date.now();
        read();
      }, true);
    });
    on(d, "visibilitychange", function () {
      if (d.hidden) {
        time(1);
        flush(1);
      }
    });
    on(w, "pagehide", function () {
      time(1);
      add({ name: "exit", seconds: total }, 1);
    });
    on(d, "mika:quiz-scored", function (e) {
      e.detail.questions.forEach(function (q) {
        add({ name: "quiz", question: q.id, correct: q.correct, points: q.points });
      });
      flush(1);
    });
    on(d, "mika:guide-step", function (e) {
      add({ name: "guide-step", step: e.detail.step });
    });
    on(d, "click", function (e) {
      var link = e.target.closest("a[href]"), href = link.href, root = url.slice(0, -12);
      if (link.hasAttribute("data-mika-tool")) {
        add({ name: "tool-open", url: href });
      } else if (link.hasAttribute("download")
          || /\.(pdf|docx?|xlsx?|pptx?|od[tsp]|zip|imscc|mp[34])$/i.test(link.pathname)) {
        add({ name: "download", url: href.indexOf(root) ? href : decodeURIComponent(href.slice(root.length)) });
      }
    }, true);
  }
  function start() {
    Promise.resolve(w.mikaLearner).then(function (id) { w.mikaLearner = id; begin(); }, begin);
  }

  try {
    var key = meta("site-key"), page = meta("page"), url = new URL(meta("beacon"), location) + "?";
    var session = crypto.getRandomValues(new Uint32Array(2)).join("").slice(0, 16);
    var cohort = (/[?&]kohorte=([\w.-]{1,32})(&|$)/.exec(location.search) || [])[1];
    if (key && location.protocol != "file:" && (nav.doNotTrack || w.doNotTrack) != 1
        && !nav.globalPrivacyControl) {
      on(d, "DOMContentLoaded", function () { d.prerendering ? on(d, "prerenderingchange", start) : start(); });
    }
  } catch (x) { }
})();
