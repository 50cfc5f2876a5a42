import type { Db } from "~/data/db.server";
import { loadSetupState, markSetup, type SetupMark, type SetupState } from "~/data/setup-guide.server";

/**
 * The setup guide on the dashboard: five steps, each checked from the shop's real state, shown on
 * first open and until every step is done (or the merchant hides it).
 *
 * The theme step cannot be checked: reading the theme's `config/settings_data.json` through
 * `theme.files` needs the `read_themes` scope, which Trackline does not ask for (it would be the
 * only reason to read a merchant's theme). The guide links to the theme editor with the block
 * ready to add and lets the merchant mark the step done.
 */
export const TRACKING_BLOCK_HANDLE = "order-tracking";

export type SetupStepId = "themeBlock" | "carriers" | "notifications" | "writeBack" | "import";
export type SetupStepState = "done" | "todo" | "in_progress" | "attention";

export interface SetupStep {
  id: SetupStepId;
  state: SetupStepState;
  /** The merchant confirms this step themselves (Trackline cannot check it). */
  selfReported: boolean;
  /** Where the step is done: an admin page of the app, or the theme editor. */
  url: string;
  /** Import progress (import step only). */
  progress?: { imported: number; total: number | null };
}

export interface SetupGuide {
  steps: SetupStep[];
  done: number;
  total: number;
  complete: boolean;
  /** Whether the dashboard shows the guide: until it is dismissed (done or explicitly hidden). */
  visible: boolean;
}

/** The theme editor, opened on a page template with the tracking block ready to add in a new Apps section. */
export function themeEditorLink(shopDomain: string, apiKey: string): string {
  const params = new URLSearchParams({ template: "page", addAppBlockId: `${apiKey}/${TRACKING_BLOCK_HANDLE}`, target: "newAppsSection" });
  return `https://${shopDomain}/admin/themes/current/editor?${params.toString()}`;
}

export function setupGuideOf(state: SetupState, shopDomain: string, apiKey: string): SetupGuide {
  const importState: SetupStepState =
    state.backfillStatus === "done"
      ? "done"
      : state.backfillStatus === "failed"
        ? "attention"
        : state.backfillStatus === "queued" || state.backfillStatus === "running"
          ? "in_progress"
          : "todo";
  const steps: SetupStep[] = [
    { id: "themeBlock", state: state.themeBlockConfirmedAt ? "done" : "todo", selfReported: true, url: themeEditorLink(shopDomain, apiKey) },
    { id: "carriers", state: state.carrierAccounts > 0 || state.longTailAggregator ? "done" : "todo", selfReported: false, url: "/app/settings" },
    {
      id: "notifications",
      state: state.notificationsReviewedAt || state.notificationSettingsJson.trim() !== "{}" ? "done" : "todo",
      selfReported: false,
      url: "/app/notifications",
    },
    { id: "writeBack", state: state.writeBackEnabled ? "done" : "todo", selfReported: false, url: "/app/settings" },
    { id: "import", state: importState, selfReported: false, url: "/app/shipments", progress: { imported: state.backfillImported, total: state.backfillTotal } },
  ];
  const done = steps.filter((step) => step.state === "done").length;
  return { steps, done, total: steps.length, complete: done === steps.length, visible: state.guideHiddenAt === null };
}

export async function loadSetupGuide(db: Db, shopDomain: string, apiKey: string): Promise<SetupGuide | null> {
  const state = await loadSetupState(db, shopDomain);
  return state ? setupGuideOf(state, shopDomain, apiKey) : null;
}

export const SETUP_INTENTS = {
  confirmThemeBlock: "themeBlockConfirmed",
  notificationsReviewed: "notificationsReviewed",
  hideGuide: "guideHidden",
  showGuide: "guideShown",
} as const satisfies Record<string, SetupMark>;
export type SetupIntent = keyof typeof SETUP_INTENTS;

export const isSetupIntent = (value: unknown): value is SetupIntent => typeof value === "string" && Object.hasOwn(SETUP_INTENTS, value);

/**
 * A merchant's answer to the guide. Hiding needs no reason, but "dismiss" is only offered when
 * the guide is complete, and the theme step is the only one a merchant can mark done by hand.
 */
export async function applySetupIntent(db: Db, shopDomain: string, intent: SetupIntent, now: Date): Promise<boolean> {
  return markSetup(db, shopDomain, SETUP_INTENTS[intent], now);
}
