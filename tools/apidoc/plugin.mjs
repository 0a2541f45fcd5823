// TypeDoc plugin for dpnn-ts's API reference:
// - names the two entry points as users import them ('dpnn-ts', 'dpnn-ts/testing') rather than by
//   their file paths ('index', 'lib/testing'), and gives each its file's banner;
// - gives a class with no doc comment of its own its file's banner: one class per file, and the
//   banner above the imports says what the class does, its shapes and its Ref:. (Left alone,
//   TypeDoc would drop the banner, or take the comment above the re-export in index.ts.)
import { Comment, Converter, ReflectionKind } from 'typedoc';

const names = new Map([['index', 'dpnn-ts'], ['lib/testing', 'dpnn-ts/testing']]);

/**
 * The text of the file's leading /** … *\/ comment, without its stars; a line opening with a
 * shape (`[B, K]: …`) is escaped, since Markdown would read it as a link definition and drop it.
 */
function banner(file) {
  const m = /^\s*\/\*\*([\s\S]*?)\*\//.exec(file.text);
  return m ? m[1].split('\n').map((l) => l.replace(/^\s*\* ?/, '').replace(/^\[/, '\\[')).join('\n').trim() : '';
}

/** Whether a doc comment stands right above the declaration. */
function ownComment(decl) {
  return decl.getFullText().slice(0, decl.getStart() - decl.getFullStart()).includes('/**');
}

export function load(app) {
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    const decl = context.getSymbolFromReflection(reflection)?.declarations?.[0];
    if (!decl) return;
    const isModule = reflection.kindOf(ReflectionKind.Module) && names.has(reflection.name);
    if (!isModule && (!reflection.kindOf(ReflectionKind.Class) || ownComment(decl))) return;
    const text = banner(decl.getSourceFile());
    if (text) reflection.comment = new Comment([{ kind: 'text', text }]);
  });
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const m of context.project.getChildrenByKind(ReflectionKind.Module)) m.name = names.get(m.name) ?? m.name;
  });
}
