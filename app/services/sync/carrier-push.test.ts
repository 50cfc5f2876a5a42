import { carrierPushContract } from "./carrier-push.contract";

carrierPushContract("sqlite");
