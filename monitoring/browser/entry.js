// What sentry.min.js exposes as `window.Sentry`: errors, page loads, Web Vitals (LCP, CLS,
// INP) and trace continuation from the page's <meta name="sentry-trace"> and "baggage".
export { browserTracingIntegration, init } from "@sentry/browser";
