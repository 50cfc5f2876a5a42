import { localParts, visibleScans, type Journey, type JourneyScan, type Place, type ScanKind } from "./journey";

/**
 * Journey → each carrier's wire JSON. Codes and texts are the ones the real carriers use for the
 * same moment of a journey, so the payloads exercise our status maps; the shapes follow our
 * wire.ts schemas (a test parses every rendering with them).
 */

interface Scan {
  code: string;
  description: string;
  /** UPS needs a type letter beside the activity code. */
  type?: string;
  /** 17TRACK milestone stage. */
  stage?: string;
}

const UPS: Record<ScanKind, Scan> = {
  label_created: { type: "M", code: "MP", description: "Shipper created a label, UPS has not received the package yet." },
  picked_up: { type: "P", code: "PU", description: "Pickup Scan" },
  departed: { type: "I", code: "DP", description: "Departed from Facility" },
  arrived: { type: "I", code: "AR", description: "Arrived at Facility" },
  customs_processing: { type: "I", code: "IP", description: "Import Scan" },
  customs_held: { type: "X", code: "CA", description: "Clearance information required. Please contact UPS." },
  customs_released: { type: "I", code: "CR", description: "Your package was released by the customs agency." },
  weather_delay: { type: "X", code: "WD", description: "Severe weather conditions have delayed delivery." },
  out_for_delivery: { type: "I", code: "OT", description: "Out For Delivery Today" },
  attempt_failed: { type: "X", code: "48", description: "The receiver was not available for delivery. We'll make a second attempt the next business day." },
  delivered: { type: "D", code: "FS", description: "Delivered" },
  exception: { type: "X", code: "DM", description: "Damage reported. / Damage claim under investigation." },
  returning: { type: "RS", code: "RS", description: "Returning to Sender: The receiver was not available for delivery." },
  returned: { type: "RS", code: "RD", description: "Returned to shipper" },
};

const FEDEX: Record<ScanKind, Scan & { exception?: string }> = {
  label_created: { code: "OC", description: "Shipment information sent to FedEx" },
  picked_up: { code: "PU", description: "Picked up" },
  departed: { code: "DP", description: "Departed FedEx location" },
  arrived: { code: "AR", description: "Arrived at FedEx location" },
  customs_processing: { code: "CP", description: "Clearance in progress" },
  customs_held: { code: "CD", description: "Clearance delay", exception: "Import documentation required" },
  customs_released: { code: "CC", description: "International shipment release - Import" },
  weather_delay: { code: "DY", description: "Delay", exception: "Weather delay" },
  out_for_delivery: { code: "OD", description: "On FedEx vehicle for delivery" },
  attempt_failed: { code: "DE", description: "Delivery exception", exception: "Customer not available or business closed" },
  delivered: { code: "DL", description: "Delivered" },
  exception: { code: "SE", description: "Shipment exception", exception: "Package damaged" },
  returning: { code: "RS", description: "Return to shipper" },
  returned: { code: "RS", description: "Returned to shipper" },
};

const USPS: Record<ScanKind, Scan> = {
  label_created: { code: "GX", description: "Shipping Label Created, USPS Awaiting Item" },
  picked_up: { code: "03", description: "USPS picked up item" },
  departed: { code: "EF", description: "Departed USPS Regional Facility" },
  arrived: { code: "10", description: "Arrived at USPS Regional Facility" },
  customs_processing: { code: "10", description: "Processed Through Facility" },
  customs_held: { code: "DX", description: "Held in Customs" },
  customs_released: { code: "10", description: "Processed Through Facility" },
  weather_delay: { code: "71", description: "Rescheduled to Next Delivery Day" },
  out_for_delivery: { code: "OF", description: "Out for Delivery" },
  attempt_failed: { code: "02", description: "Notice Left (No Authorized Recipient Available)" },
  delivered: { code: "01", description: "Delivered, Front Door/Porch" },
  exception: { code: "05", description: "Undeliverable as Addressed" },
  returning: { code: "09", description: "Return to Sender" },
  returned: { code: "09", description: "Return to Sender Processed" },
};

const DHL: Record<ScanKind, Scan> = {
  label_created: { code: "pre-transit", description: "The shipment data has been transmitted to DHL." },
  picked_up: { code: "transit", description: "Shipment picked up" },
  departed: { code: "transit", description: "The shipment has been loaded onto the delivery vehicle to the hub" },
  arrived: { code: "transit", description: "The shipment has been processed in the parcel center" },
  customs_processing: { code: "transit", description: "Customs status updated" },
  customs_held: { code: "failure", description: "The shipment is being held by customs: documents required" },
  customs_released: { code: "transit", description: "Clearance processing complete" },
  weather_delay: { code: "transit", description: "Delayed due to weather conditions" },
  out_for_delivery: { code: "transit", description: "The shipment has been loaded onto the delivery vehicle" },
  attempt_failed: { code: "failure", description: "The recipient was not present. A notification card has been left." },
  delivered: { code: "delivered", description: "The shipment has been successfully delivered" },
  exception: { code: "failure", description: "The shipment was damaged" },
  returning: { code: "failure", description: "The shipment is being returned to the sender" },
  returned: { code: "failure", description: "The shipment has been returned to the sender" },
};

const SEVENTEEN: Record<ScanKind, Scan> = {
  label_created: { code: "InfoReceived", stage: "InfoReceived", description: "Electronic information received" },
  picked_up: { code: "InTransit_PickedUp", stage: "PickedUp", description: "Parcel picked up" },
  departed: { code: "InTransit_Departure", stage: "Departure", description: "Departed from facility" },
  arrived: { code: "InTransit_Arrival", stage: "Arrival", description: "Arrived at facility" },
  customs_processing: { code: "InTransit_CustomsProcessing", description: "Customs clearance started" },
  customs_held: { code: "InTransit_CustomsRequiringInformation", description: "Held by customs: information required" },
  customs_released: { code: "InTransit_CustomsReleased", description: "Customs clearance completed" },
  weather_delay: { code: "Exception_Delayed", description: "Delayed due to weather" },
  out_for_delivery: { code: "OutForDelivery_Other", stage: "OutForDelivery", description: "Out for delivery" },
  attempt_failed: { code: "DeliveryFailure_NoBody", description: "Delivery attempted, recipient not at home" },
  delivered: { code: "Delivered_Other", stage: "Delivered", description: "Delivered" },
  exception: { code: "Exception_Damage", description: "Parcel damaged" },
  returning: { code: "Exception_Returning", stage: "Returning", description: "Returning to sender" },
  returned: { code: "Exception_Returned", stage: "Returned", description: "Returned to sender" },
};

function newestFirst(scans: JourneyScan[]): JourneyScan[] {
  return [...scans].reverse();
}

function delivered(scans: JourneyScan[]): JourneyScan | undefined {
  return scans.find((s) => s.kind === "delivered");
}

// ---------------------------------------------------------------- UPS

function compactDate(date: string): string {
  return date.replace(/-/g, "");
}

export function renderUps(journey: Journey, now: number): unknown {
  const scans = visibleScans(journey, now);
  const latest = scans[scans.length - 1];
  const done = delivered(scans);
  const dest = localParts(journey.eta.start, journey.destination);
  const destEnd = localParts(journey.eta.end, journey.destination);
  const pkg: Record<string, unknown> = {
    trackingNumber: journey.trackingNumber,
    deliveryDate: done
      ? [{ type: "DEL", date: compactDate(localParts(done.at, done.place).date) }]
      : [{ type: "SDD", date: compactDate(dest.date) }],
    deliveryTime: done
      ? { type: "DEL", endTime: localParts(done.at, done.place).time.replace(/:/g, "") }
      : { type: "EDW", startTime: dest.time.replace(/:/g, ""), endTime: destEnd.time.replace(/:/g, "") },
    activity: newestFirst(scans).map((s) => upsActivity(s)),
    currentStatus: latest ? { type: UPS[latest.kind].type, code: UPS[latest.kind].code, description: UPS[latest.kind].description } : undefined,
    packageCount: 1,
  };
  if (done) {
    pkg.deliveryInformation = { location: "Front Door", receivedBy: journey.signedBy, signature: { image: "R0lGODlhAQABAAAAACw=" } };
  }
  return { trackResponse: { shipment: [{ inquiryNumber: journey.trackingNumber, package: [pkg] }] } };
}

function upsActivity(s: JourneyScan): Record<string, unknown> {
  const local = localParts(s.at, s.place);
  const gmt = new Date(s.at).toISOString();
  const code = UPS[s.kind];
  return {
    location: { address: { city: s.place.city, stateProvince: s.place.province ?? "", postalCode: s.place.postalCode, country: s.place.country, countryCode: s.place.country } },
    status: { type: code.type, description: code.description, code: code.code, statusCode: "005" },
    date: compactDate(local.date),
    time: local.time.replace(/:/g, ""),
    gmtDate: compactDate(gmt.slice(0, 10)),
    gmtTime: gmt.slice(11, 19),
    gmtOffset: local.offset,
  };
}

export function upsNotFound(): unknown {
  return { response: { errors: [{ code: "151044", message: "No tracking information available" }] } };
}

// ---------------------------------------------------------------- FedEx

function fedexAddress(place: Place) {
  return { city: place.city, stateOrProvinceCode: place.province ?? "", postalCode: place.postalCode, countryCode: place.country, residential: false };
}

export function renderFedexResult(journey: Journey, now: number): unknown {
  if (journey.scenario === "not_found") {
    return {
      trackingNumber: journey.trackingNumber,
      trackResults: [
        {
          trackingNumberInfo: { trackingNumber: journey.trackingNumber, trackingNumberUniqueId: "", carrierCode: "" },
          error: { code: "TRACKING.TRACKINGNUMBER.NOTFOUND", message: "Tracking number cannot be found. Please correct the tracking number and try again." },
        },
      ],
    };
  }
  const scans = visibleScans(journey, now);
  const latest = scans[scans.length - 1];
  const done = delivered(scans);
  const result: Record<string, unknown> = {
    trackingNumberInfo: { trackingNumber: journey.trackingNumber, trackingNumberUniqueId: `2460~${journey.trackingNumber}~FDEG`, carrierCode: "FDXG" },
    latestStatusDetail: latest
      ? {
          code: FEDEX[latest.kind].code,
          derivedCode: FEDEX[latest.kind].code,
          statusByLocale: FEDEX[latest.kind].description,
          description: FEDEX[latest.kind].description,
          scanLocation: fedexAddress(latest.place),
          ...(latest.kind === "weather_delay" ? { delayDetail: { type: "WEATHER", subType: "SNOW", status: "DELAYED" } } : {}),
        }
      : { code: "OC", derivedCode: "IN", statusByLocale: "Label created", description: "Label created" },
    dateAndTimes: [
      ...(done ? [{ type: "ACTUAL_DELIVERY", dateTime: localParts(done.at, done.place).iso }] : []),
      ...(scans[0] ? [{ type: "SHIP", dateTime: localParts(scans[0].at, scans[0].place).iso }] : []),
    ],
    scanEvents: newestFirst(scans).map((s) => {
      const code = FEDEX[s.kind];
      return {
        date: localParts(s.at, s.place).iso,
        eventType: code.code,
        eventDescription: code.description,
        exceptionCode: code.exception ? "08" : "",
        exceptionDescription: code.exception ?? "",
        scanLocation: fedexAddress(s.place),
        locationType: "FEDEX_FACILITY",
        derivedStatusCode: code.code,
        derivedStatus: code.description,
      };
    }),
    availableImages: done ? [{ type: "SIGNATURE_PROOF_OF_DELIVERY" }] : [],
  };
  if (!done) {
    result.estimatedDeliveryTimeWindow = {
      window: { begins: localParts(journey.eta.start, journey.destination).iso, ends: localParts(journey.eta.end, journey.destination).iso },
    };
  } else {
    result.deliveryDetails = { receivedByName: journey.signedBy, signedByName: journey.signedBy, locationDescription: "Front desk", deliveryAttempts: "0" };
  }
  return { trackingNumber: journey.trackingNumber, trackResults: [result] };
}

export function renderFedex(results: unknown[], transactionId: string): unknown {
  return { transactionId, output: { completeTrackResults: results } };
}

// ---------------------------------------------------------------- USPS

export function renderUsps(journey: Journey, now: number): unknown {
  const scans = visibleScans(journey, now);
  const latest = scans[scans.length - 1];
  const done = delivered(scans);
  const dest = localParts(journey.eta.start, journey.destination);
  return {
    trackingNumber: journey.trackingNumber,
    mailClass: "USPS Ground Advantage",
    destinationCity: journey.destination.city,
    destinationState: journey.destination.province,
    destinationZIP: journey.destination.postalCode,
    status: latest ? USPS[latest.kind].description : "Label Created",
    statusCategory: done ? "Delivered" : "In Transit",
    statusSummary: latest ? `${USPS[latest.kind].description}, ${latest.place.city}` : "",
    proofOfDeliveryEnabled: "true",
    onTime: "true",
    ...(done ? {} : { predictedDeliveryDate: dest.date, predictedDeliveryWindowStartTime: "09:00", predictedDeliveryWindowEndTime: "21:00" }),
    trackingEvents: newestFirst(scans).map((s) => {
      const local = localParts(s.at, s.place);
      // USPS writes offsets without the leading zero ("-5:00").
      const offset = local.offset.replace(/^([+-])0/, "$1");
      return {
        eventType: USPS[s.kind].description,
        eventTimestamp: `${local.date}T${local.time}`,
        GMTTimestamp: new Date(s.at).toISOString(),
        GMTOffset: offset,
        eventCountry: "",
        eventCity: s.place.city,
        eventState: s.place.province ?? "",
        eventZIP: s.place.postalCode,
        firm: "",
        name: s.kind === "delivered" ? journey.signedBy : "",
        authorizedAgent: "false",
        eventCode: USPS[s.kind].code,
      };
    }),
  };
}

export function uspsNotFound(trackingNumber: string): unknown {
  return {
    apiVersion: "/tracking/v3",
    error: {
      code: "404",
      message: "Not Found",
      errors: [{ status: "404", code: "080302", title: "Not Found", detail: `No tracking information found for ${trackingNumber}` }],
    },
  };
}

// ---------------------------------------------------------------- DHL

function dhlPlace(place: Place) {
  return { address: { addressLocality: place.city, countryCode: place.country, postalCode: place.postalCode } };
}

export function renderDhl(journey: Journey, now: number, service: string): unknown {
  const scans = visibleScans(journey, now);
  const events = newestFirst(scans).map((s) => ({
    timestamp: localParts(s.at, s.place).iso,
    location: dhlPlace(s.place),
    statusCode: DHL[s.kind].code,
    status: DHL[s.kind].description,
    description: DHL[s.kind].description,
  }));
  const done = delivered(scans);
  const shipment: Record<string, unknown> = {
    id: journey.trackingNumber,
    service,
    origin: dhlPlace(journey.origin),
    destination: dhlPlace(journey.destination),
    status: events[0] ?? { statusCode: "unknown", status: "unknown", description: "No events yet" },
    details: done
      ? {
          proofOfDelivery: {
            timestamp: localParts(done.at, done.place).iso,
            signatureUrl: `https://www.dhl.de/int-verfolgen/pod/${journey.trackingNumber}/signature`,
            documentUrl: `https://www.dhl.de/int-verfolgen/pod/${journey.trackingNumber}`,
            signed: { type: "Person", name: journey.signedBy },
          },
          totalNumberOfPieces: 1,
          pieceIds: [journey.trackingNumber],
        }
      : { totalNumberOfPieces: 1, pieceIds: [journey.trackingNumber] },
    events,
  };
  if (!done) {
    shipment.estimatedTimeOfDelivery = localParts(journey.eta.end, journey.destination).iso;
    shipment.estimatedDeliveryTimeFrame = {
      estimatedFrom: localParts(journey.eta.start, journey.destination).iso,
      estimatedThrough: localParts(journey.eta.end, journey.destination).iso,
    };
  }
  return { shipments: [shipment] };
}

export function dhlNotFound(): unknown {
  return { title: "No result found", status: 404, detail: "No shipment with given tracking number found." };
}

// ---------------------------------------------------------------- 17TRACK

function mainStatus(subStatus: string): string {
  return subStatus === "InfoReceived" ? "InfoReceived" : (subStatus.split("_")[0] ?? "NotFound");
}

export function renderSeventeenTrackInfo(journey: Journey, now: number): Record<string, unknown> {
  const scans = visibleScans(journey, now);
  const events = newestFirst(scans).map((s) => {
    const local = localParts(s.at, s.place);
    const code = SEVENTEEN[s.kind];
    return {
      time_iso: local.iso,
      time_utc: new Date(s.at).toISOString().replace(".000Z", "Z"),
      time_raw: { date: local.date, time: local.time, timezone: local.offset },
      description: code.description,
      location: `${s.place.city}, ${s.place.country}`,
      stage: code.stage ?? null,
      sub_status: code.code,
      address: { country: s.place.country, state: s.place.province ?? null, city: s.place.city, street: null, postal_code: s.place.postalCode },
    };
  });
  const latest = scans[scans.length - 1];
  const sub = latest ? SEVENTEEN[latest.kind].code : "NotFound_Other";
  return {
    number: journey.trackingNumber,
    carrier: 190271,
    param: null,
    tag: "",
    track_info: {
      latest_status: { status: mainStatus(sub), sub_status: sub, sub_status_descr: null },
      latest_event: events[0] ?? null,
      time_metrics: {
        days_after_order: 0,
        days_of_transit: 0,
        estimated_delivery_date: delivered(scans)
          ? { source: null, from: null, to: null }
          : { source: "Official", from: localParts(journey.eta.start, journey.destination).iso, to: localParts(journey.eta.end, journey.destination).iso },
      },
      tracking: {
        providers_hash: 0,
        providers: [{ provider: { key: 190271, name: "Cainiao", country: "CN" }, latest_sync_status: "Success", events }],
      },
    },
  };
}

const AFTERSHIP: Record<ScanKind, Scan & { tag: string }> = {
  label_created: { tag: "InfoReceived", code: "InfoReceived_001", description: "Shipment information received" },
  picked_up: { tag: "InTransit", code: "InTransit_002", description: "Parcel accepted by the carrier" },
  departed: { tag: "InTransit", code: "InTransit_007", description: "Departed from facility" },
  arrived: { tag: "InTransit", code: "InTransit_003", description: "Arrived at facility" },
  customs_processing: { tag: "InTransit", code: "InTransit_006", description: "Customs clearance started" },
  customs_held: { tag: "Exception", code: "Exception_004", description: "Held by customs: documents required" },
  customs_released: { tag: "InTransit", code: "InTransit_005", description: "Customs clearance completed" },
  weather_delay: { tag: "Exception", code: "Exception_005", description: "Delayed due to severe weather" },
  out_for_delivery: { tag: "OutForDelivery", code: "OutForDelivery_001", description: "Out for delivery" },
  attempt_failed: { tag: "AttemptFail", code: "AttemptFail_002", description: "Delivery attempted, recipient not available" },
  delivered: { tag: "Delivered", code: "Delivered_001", description: "Delivered" },
  exception: { tag: "Exception", code: "Exception_012", description: "Parcel damaged" },
  returning: { tag: "Exception", code: "Exception_010", description: "Returning to sender" },
  returned: { tag: "Exception", code: "Exception_011", description: "Returned to sender" },
};

/** Last-mile carriers (AfterShip slugs) that take international parcels over in the destination country. */
const LAST_MILE_BY_COUNTRY: Readonly<Record<string, string>> = { US: "usps", DE: "dhl-germany", GB: "royal-mail", CA: "canada-post", AU: "australia-post", FR: "la-poste-colissimo" };

/** The last-mile number a line-haul parcel gets on hand-over: derived from the first leg's number. */
export function lastMileNumber(trackingNumber: string): string {
  const digits = trackingNumber.replace(/\D/g, "").padStart(9, "0").slice(-9);
  return `LM${digits}`;
}

/**
 * An AfterShip tracking object. International journeys are a line-haul (`yunexpress`) handed to the
 * destination country's last-mile carrier: scans in the destination country come from that carrier,
 * and once the first of them is visible the tracking carries `last_mile`.
 */
export function renderAfterShipTracking(journey: Journey, now: number): Record<string, unknown> {
  const scans = visibleScans(journey, now);
  const lastMileSlug = journey.international ? LAST_MILE_BY_COUNTRY[journey.destination.country] : undefined;
  const slugOf = (s: JourneyScan): string =>
    lastMileSlug !== undefined && s.place.country === journey.destination.country && s.kind !== "customs_processing" && s.kind !== "customs_released" && s.kind !== "customs_held"
      ? lastMileSlug
      : journey.international
        ? "yunexpress"
        : "usps";
  const checkpoints = scans.map((s) => {
    const local = localParts(s.at, s.place);
    const code = AFTERSHIP[s.kind];
    return {
      slug: slugOf(s),
      checkpoint_time: local.iso,
      created_at: new Date(s.at + 60_000).toISOString(),
      message: code.description,
      tag: code.tag,
      subtag: code.code,
      subtag_message: code.description,
      location: `${s.place.city}, ${s.place.country}`,
      city: s.place.city,
      state: s.place.province ?? null,
      zip: s.place.postalCode,
      country_region: null,
    };
  });
  const latest = scans[scans.length - 1];
  const handedOver = lastMileSlug !== undefined && checkpoints.some((c) => c.slug === lastMileSlug);
  const done = delivered(scans);
  return {
    id: `sim${journey.trackingNumber}`,
    tracking_number: journey.trackingNumber,
    slug: journey.international ? "yunexpress" : "usps",
    tag: latest ? AFTERSHIP[latest.kind].tag : "Pending",
    subtag: latest ? AFTERSHIP[latest.kind].code : "Pending_001",
    subtag_message: latest ? AFTERSHIP[latest.kind].description : "No information yet",
    signed_by: done ? journey.signedBy : null,
    shipment_delivery_date: done ? localParts(done.at, done.place).iso : null,
    courier_estimated_delivery_date: done
      ? null
      : { estimated_delivery_date: null, estimated_delivery_date_min: localParts(journey.eta.start, journey.destination).iso, estimated_delivery_date_max: localParts(journey.eta.end, journey.destination).iso },
    last_mile: handedOver ? { tracking_number: lastMileNumber(journey.trackingNumber), slug: lastMileSlug, transit_time: null, courier_tracking_link: null, courier_redirect_link: null, source: "API" } : null,
    checkpoints,
  };
}

/** A UPS Track Alert message for the newest visible scan (what UPS pushes to a subscriber). */
export function renderUpsTrackAlert(journey: Journey, now: number): Record<string, unknown> | undefined {
  const scan = visibleScans(journey, now).at(-1);
  if (!scan) return undefined;
  const local = localParts(scan.at, scan.place);
  const gmt = new Date(scan.at).toISOString();
  const code = UPS[scan.kind];
  const done = scan.kind === "delivered";
  return {
    trackingNumber: journey.trackingNumber,
    localActivityDate: local.date.replace(/-/g, ""),
    localActivityTime: local.time.replace(/:/g, ""),
    activityLocation: { city: scan.place.city, stateProvince: scan.place.province ?? "", postalCode: scan.place.postalCode, country: scan.place.country },
    activityStatus: { type: code.type, code: code.code, description: code.description },
    gmtActivityDate: gmt.slice(0, 10).replace(/-/g, ""),
    gmtActivityTime: gmt.slice(11, 19).replace(/:/g, ""),
    ...(done ? { actualDeliveryDate: local.date.replace(/-/g, ""), actualDeliveryTime: local.time.replace(/:/g, ""), receivedBy: journey.signedBy } : {}),
  };
}
