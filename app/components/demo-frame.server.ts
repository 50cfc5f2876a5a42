import DemoFrame from "./DemoFrame";
import { provideDemoFrame } from "./demo-frame-slot";

/** On the server the demo's layout is always at hand; the browser loads it only in demo mode. */
provideDemoFrame(DemoFrame);
