// Details for a refusal that concerns one field, in the same shape as a schema refusal
// ([{ path, message }], a JSON pointer into the payload), so a form shows it beside that field.
export const at = (path: string, message: string): { path: string; message: string }[] => [{ path, message }];
