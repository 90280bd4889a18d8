// sentry-replay.min.js: the same, plus Session Replay (served instead of sentry.min.js only
// when SENTRY_REPLAY_ON_ERROR_RATE is above 0). Its compression worker is the separate file
// replay-worker.min.js on our own origin: no blob: URL, so no CSP exception for one.
export { browserTracingIntegration, init, replayIntegration } from "@sentry/browser";
