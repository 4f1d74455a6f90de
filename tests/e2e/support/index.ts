// Helpers for the browser tests (tests/README.md, "Browser tests"): import from './support'.
export { ADMIN, startServer, type StartServerOptions, type TestServer } from './server';
export { CHROMIUM_ARGS, CHROMIUM_PATH, launchBrowser, newPage, pageProblems, VIEWPORTS, type NewPageOptions, type PageProblems } from './browser';
export { checkA11y, formatViolations, type CheckA11yOptions } from './a11y';
export { screenshot, screenshotFolder, type ScreenshotOptions } from './screenshot';
export { useE2E, type E2E, type UseE2EOptions } from './suite';
export { ROOT, SCREENSHOT_DIR } from './paths';
export { startNetCut, type NetCut } from './net-cut';
export { spokenCall, spoken, spyOnSound, type Spoken } from './sound';
