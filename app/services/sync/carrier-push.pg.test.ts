import { carrierPushContract } from "./carrier-push.contract";

carrierPushContract("postgres");
