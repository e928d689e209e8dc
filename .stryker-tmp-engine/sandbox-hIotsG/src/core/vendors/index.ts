/**
 * Third parties: the inventory of every vendor integration (what it can
 * reach, directly and transitively, and whether a sensitive zone is among
 * it), and the quarantine helpers that containment builds on. Pure.
 */
// @ts-nocheck

export * from "./inventory";
export { inventoryFromSide } from "./side";
export { endpointVendorOf, flowVendors, flowsInForce, withQuarantine } from "./quarantine";
export { INVENTORY_FORMATS, type InventoryFormat, inventoryJson, inventoryMarkdown, inventoryText, renderInventory } from "./render";
export { vendorIsolation, type IsolationReport, type LayerIsolation } from "./isolation";
