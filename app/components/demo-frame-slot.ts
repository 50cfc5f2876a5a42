import type { ComponentType, ReactNode } from "react";

type DemoFrameComponent = ComponentType<{ location: string; items: { url: string; label: string; exactMatch: boolean }[]; children: ReactNode }>;

/**
 * The demo's layout (Polaris Frame and Navigation), which the admin never draws: the server sets it
 * (app/components/demo-frame.server.ts), and the browser fetches it before hydrating a demo page
 * (app/entry.client.tsx), so the page's scripts carry it only in demo mode and hydration never waits
 * for it.
 */
let frame: DemoFrameComponent | null = null;

export function demoFrame(): DemoFrameComponent {
  if (!frame) throw new Error("the demo's layout is drawn before its module was loaded");
  return frame;
}

export function provideDemoFrame(component: DemoFrameComponent): void {
  frame = component;
}

export async function loadDemoFrame(): Promise<void> {
  provideDemoFrame((await import("./DemoFrame")).default);
}
