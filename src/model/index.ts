export * from "./diagnostics";
export * from "./cidr";
export * from "./schema";
export * from "./resolved";
export * from "./resolve";
export * from "./expiry";
export * from "./define";
