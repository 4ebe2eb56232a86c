// Fields the user is typing into that hold a refused value right now, by node id. The inspector
// writes here; the node on the canvas reads its own entry to show it is not valid. Nothing here is
// saved: the document itself only ever holds the last valid value.
import { create } from 'zustand';

interface InvalidFieldsState {
  /** node id -> field name -> reason */
  byNode: Record<string, Record<string, string>>;
  setFieldError(nodeId: string, field: string, reason: string | null): void;
}

export const useInvalidFields = create<InvalidFieldsState>()((set) => ({
  byNode: {},
  setFieldError(nodeId, field, reason) {
    set((s) => {
      const current = s.byNode[nodeId] ?? {};
      if (reason === null && !(field in current)) return s;
      if (reason !== null && current[field] === reason) return s;
      const fields = { ...current };
      if (reason === null) delete fields[field];
      else fields[field] = reason;
      const byNode = { ...s.byNode };
      if (Object.keys(fields).length === 0) delete byNode[nodeId];
      else byNode[nodeId] = fields;
      return { byNode };
    });
  },
}));

/** One line for a node's tooltip, or undefined when all its fields are fine. */
export function invalidSummary(fields: Record<string, string> | undefined): string | undefined {
  if (!fields) return undefined;
  const entries = Object.entries(fields);
  if (entries.length === 0) return undefined;
  return `Not valid: ${entries.map(([name, reason]) => `${name} ${reason}`).join('; ')}`;
}
