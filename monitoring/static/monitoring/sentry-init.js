/* Starts the Sentry browser SDK (window.Sentry, from monitoring/sentry/sentry.min.js) with the
 * settings the server put in the page (<meta name="sentry-browser-config">, monitoring/browser.py).
 *
 * - The page load continues the server's trace (<meta name="sentry-trace">, "baggage") and is
 *   named after the page's route (`/orders/link/{token}/`), never its URL.
 * - Nothing sensitive leaves the browser: every event, transaction and span is scrubbed here
 *   before sending — query strings and fragments of every URL, the page's own path (replaced
 *   by its route), long opaque path segments (signed links, reset tokens), the Referer header,
 *   card numbers (however a URL encodes the spaces), card verification codes, e-mail addresses.
 * - Session Replay only when the server says so, only for sessions with an error, all text and
 *   inputs masked, all media blocked, compressing in a worker served from our own origin.
 */
(function () {
  "use strict";
  var node = document.querySelector('meta[name="sentry-browser-config"]');
  var Sentry = window.Sentry;
  if (!node || !Sentry || !Sentry.init) return;
  var config = JSON.parse(node.content);
  var FILTERED = "[Filtered]";
  var KEEP = { event_id: 1, trace_id: 1, span_id: 1, parent_span_id: 1, release: 1, dsn: 1 };

  var SEP = "(?:[ +_-]|%20|%2[Bb])";
  var CARD = new RegExp(
    "(^|[^A-Za-z0-9.%-]|%20|%2[Bb]|[A-Za-z]-)([2-6](?:" + SEP + "?\\d){12,18})(?![A-Za-z0-9-])",
    "g"
  );
  var CVV = /(^|[^A-Za-z])((?:cvv2?|cvc2?|csc|cvn|cvd|ccv|cav2|security(?:[\s_+-]|%20)?code)(?:[\s:=#_+-]|%20|%3[AaDd])*)\d{3,4}(?![0-9])/gi;
  var EMAIL = /[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
  // A URL or path, then its query string or fragment: the part after ? or # goes.
  var QUERY = /((?:https?:\/\/[^\s/?#"'<>]+)?\/[^\s?#"'<>]*)[?#][^\s"'<>]*/g;
  // A path segment (never the host after "//") that is a token: one with ":" (Django's signed
  // values), or 20+ characters of letters and digits mixed.
  var SEGMENT = /\/([^/\s?#"'<>]+)/g;
  var TOKEN = /^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9_:.~-]{20,}$/;

  function segment(match, value, offset, text) {
    var before = text.charAt(offset - 1);
    if (before === "/" || before === ":") return match;
    return value.indexOf(":") >= 0 || TOKEN.test(value) ? "/" + FILTERED : match;
  }

  function luhn(digits) {
    var total = 0;
    for (var i = 0; i < digits.length; i++) {
      var value = digits.charCodeAt(digits.length - 1 - i) - 48;
      if (i % 2) {
        value *= 2;
        if (value > 9) value -= 9;
      }
      total += value;
    }
    return total % 10 === 0;
  }

  var path = window.location.pathname;

  function scrubText(text) {
    if (typeof text !== "string" || text.length < 3) return text;
    if (path.length > 1 && path !== config.route) text = text.split(path).join(config.route);
    text = text.replace(QUERY, "$1");
    text = text.replace(SEGMENT, segment);
    text = text.replace(CARD, function (match, before, number) {
      var digits = number.replace(/%2[0Bb]/g, "").replace(/\D/g, "");
      return luhn(digits) ? before + FILTERED : match;
    });
    text = text.replace(CVV, "$1$2" + FILTERED);
    return text.replace(EMAIL, FILTERED);
  }

  function scrub(value, depth) {
    if (depth > 12 || value === null || typeof value !== "object") return value;
    var keys = Object.keys(value);
    for (var i = 0; i < keys.length; i++) {
      var key = keys[i];
      var item = value[key];
      if (typeof item === "string") {
        if (!KEEP[key]) value[key] = scrubText(item);
      } else if (typeof item === "number" && item > 2e12 && luhn(String(item))) {
        value[key] = FILTERED;
      } else if (item && typeof item === "object") {
        scrub(item, depth + 1);
      }
    }
    return value;
  }

  function scrubEvent(event) {
    var request = event.request;
    if (request) {
      delete request.query_string;
      delete request.cookies;
      if (request.headers) delete request.headers.Referer;
      if (request.url) request.url = window.location.origin + config.route;
    }
    if (event.type === "transaction" && event.contexts && event.contexts.trace) {
      var op = event.contexts.trace.op;
      if (op === "pageload" || op === "navigation") {
        event.transaction = config.route;
        event.transaction_info = { source: "route" };
      }
    }
    var name = event.transaction;
    scrub(event, 0);
    if (event.transaction_info && event.transaction_info.source === "route") {
      event.transaction = name;
    }
    return event;
  }

  var integrations = [
    Sentry.browserTracingIntegration({
      // Name the page load after the route, from the start: its URL may hold a token.
      beforeStartSpan: function (options) {
        var attributes = Object.assign({}, options.attributes, { "sentry.source": "route" });
        return Object.assign({}, options, { name: config.route, attributes: attributes });
      },
    }),
  ];
  var replayRate = config.replayOnErrorRate || 0;
  if (replayRate > 0 && Sentry.replayIntegration) {
    integrations.push(
      Sentry.replayIntegration({
        maskAllText: true,
        maskAllInputs: true,
        blockAllMedia: true,
        networkDetailAllowUrls: [],
        workerUrl: config.replayWorker,
      })
    );
  }

  Sentry.init({
    dsn: config.dsn,
    tunnel: config.tunnel,
    release: config.release,
    environment: config.environment,
    tracesSampleRate: config.tracesSampleRate,
    // Whole transactions, each scrubbed by beforeSendTransaction, as the server sends them.
    traceLifecycle: "static",
    sendDefaultPii: false,
    replaysSessionSampleRate: 0,
    replaysOnErrorSampleRate: replayRate,
    integrations: integrations,
    beforeSend: scrubEvent,
    beforeSendTransaction: scrubEvent,
    beforeSendSpan: function (span) {
      return scrub(span, 0);
    },
    beforeBreadcrumb: function (crumb) {
      return scrub(crumb, 0);
    },
  });
})();
