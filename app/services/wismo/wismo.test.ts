export {};

const key = Buffer.alloc(32, 7).toString("base64");
process.env.CREDENTIALS_KEY = key;
const { wismoContract } = await import("./wismo.contract");

wismoContract("sqlite", key);
