import DemoFrame from "./DemoFrame";

/** On the server the demo's layout is always at hand; the browser loads it only in demo mode. */
globalThis.tracklineDemoFrame = DemoFrame;
