export function extractTemplates(): { templates: string[]; problems: string[] };
export function bundleText(): string;
