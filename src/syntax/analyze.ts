import type { SyntaxNode, Tree } from '@lezer/common';

/** A `def` in the program, with what the async-chain rule needs to know about it. */
export interface FunctionInfo {
  name: string;
  /** The FunctionDefinition node. */
  node: SyntaxNode;
  isAsync: boolean;
  /** Why it cannot become `async def` (a method, decorated, a generator), or null. */
  fixed: string | null;
  /** A `yield` stands in its own body: calling it makes a generator (an async one for `async def`). */
  isGenerator: boolean;
  parent: FunctionInfo | null;
}

/** Where an expression stands, for deciding whether `await` may be put there. */
export interface Place {
  /** The innermost enclosing `def`, or null at module level. */
  fn: FunctionInfo | null;
  /** Why `await` cannot stand here whatever the function (class body, lambda, generator expression). */
  noAwait: string | null;
}

/** A call `callee(args)` found in the program. */
export interface CallSite {
  node: SyntaxNode;
  callee: SyntaxNode;
  args: SyntaxNode;
  place: Place;
  /** The call is already the operand of `await`. */
  awaited: boolean;
}

/** A use of a plain name (not a definition, attribute or keyword). */
export interface NameUse {
  name: string;
  node: SyntaxNode;
  /** The call whose callee this name is, if it is one. */
  call: CallSite | null;
  place: Place;
}

/** A node found in the walk, with where it stands: what tip rules read without walking the tree again. */
export interface PlacedNode {
  node: SyntaxNode;
  place: Place;
}

/** Everything the rules read from the syntax tree, gathered in one walk. */
export interface ProgramModel {
  source: string;
  tree: Tree;
  functions: FunctionInfo[];
  calls: CallSite[];
  uses: NameUse[];
  /** Names bound to the asyncio module (`import asyncio`, `import asyncio as aio`). */
  asyncioNames: Set<string>;
  /** Names bound to `asyncio.run` (`from asyncio import run as arun`). */
  runNames: Set<string>;
  /** Names bound to an `asyncio.Runner(...)` (`with asyncio.Runner() as runner`, `r = asyncio.Runner()`). */
  runnerNames: Set<string>;
  /** How many times each name is bound by a def, class, assignment or import. */
  bindings: Map<string, number>;
  /**
   * What each imported name stands for: local name → dotted module path or `module.name` (`aio` →
   * `asyncio`, `urlopen` → `urllib.request.urlopen`), the last import of a name winning as in Python.
   */
  aliases: Map<string, string>;
  /** The ImportStatement and AssignStatement nodes, in order: tip rules read them without walking again. */
  imports: SyntaxNode[];
  assignments: SyntaxNode[];
  /** Where the program may suspend: each `await`, and the `async` of `async with` / `async for`. */
  suspends: PlacedNode[];
  /** Statements tip rules look at: assignments, `with`, `for`, `while`, `try` and `global` / `nonlocal`. */
  statements: PlacedNode[];
  /** Where each `raise` statement starts. */
  raises: number[];
  topLevelAwait: boolean;
  hasError: boolean;
}

/** Gathers the program model from a Lezer Python tree. Pure: reads the tree, never the text by pattern. */
export function analyze(tree: Tree, source: string): ProgramModel {
  const model: ProgramModel = {
    source,
    tree,
    functions: [],
    calls: [],
    uses: [],
    asyncioNames: new Set(),
    runNames: new Set(),
    runnerNames: new Set(),
    bindings: new Map(),
    aliases: new Map(),
    imports: [],
    assignments: [],
    suspends: [],
    statements: [],
    raises: [],
    topLevelAwait: false,
    hasError: false,
  };
  const text = (node: SyntaxNode) => source.slice(node.from, node.to);
  const bind = (name: string) => model.bindings.set(name, (model.bindings.get(name) ?? 0) + 1);

  const visit = (node: SyntaxNode, place: Place): void => {
    if (node.type.isError) model.hasError = true;
    switch (node.name) {
      case 'ImportStatement':
        model.imports.push(node);
        readImport(node);
        break;
      case 'FunctionDefinition':
        visitFunction(node, place);
        return;
      case 'ClassDefinition': {
        const name = node.getChild('VariableName');
        if (name) bind(text(name));
        visitChildren(node, { fn: place.fn, noAwait: 'class body' });
        return;
      }
      case 'LambdaExpression':
        visitChildren(node, { fn: place.fn, noAwait: 'lambda' });
        return;
      case 'ComprehensionExpression': // a generator expression: `await` would make it an async generator
        visitChildren(node, { fn: place.fn, noAwait: 'generator expression' });
        return;
      case 'ArgList':
        if (node.getChild('for')) {
          // `sum(f(x) for x in y)`: a bare generator expression as the only argument
          visitChildren(node, { fn: place.fn, noAwait: 'generator expression' });
          return;
        }
        break;
      case 'yield':
        // In the function's own body: a lambda's yield is the lambda's (and elsewhere it is a syntax error).
        if (place.fn && place.noAwait !== 'lambda') {
          place.fn.isGenerator = true;
          if (place.fn.fixed === null) place.fn.fixed = 'it is a generator';
        }
        break;
      case 'AwaitExpression':
        if (place.fn === null && place.noAwait === null) model.topLevelAwait = true;
        model.suspends.push({ node, place });
        break;
      case 'async':
        if (node.parent?.name === 'FunctionDefinition') break;
        // `async for` / `async with` at module level
        if (place.fn === null) model.topLevelAwait = true;
        model.suspends.push({ node, place });
        break;
      case 'RaiseStatement':
        model.raises.push(node.from);
        break;
      case 'WithStatement':
        readWith(node);
        model.statements.push({ node, place });
        break;
      case 'ForStatement':
      case 'WhileStatement':
      case 'TryStatement':
      case 'ScopeStatement':
        model.statements.push({ node, place });
        break;
      case 'CallExpression':
        readCall(node, place);
        break;
      case 'AssignStatement':
        model.assignments.push(node);
        model.statements.push({ node, place });
        readAssignment(node);
        break;
      case 'VariableName':
        readName(node, place);
        break;
    }
    visitChildren(node, place);
  };

  const visitChildren = (node: SyntaxNode, place: Place) => {
    for (let child = node.firstChild; child; child = child.nextSibling) visit(child, place);
  };

  const visitFunction = (node: SyntaxNode, place: Place) => {
    // `async`, `def` and the name come first: read them without a search over every child.
    let isAsync = false;
    let name = '';
    for (let child = node.firstChild; child && child.name !== 'ParamList'; child = child.nextSibling) {
      if (child.name === 'async') isAsync = true;
      else if (child.name === 'VariableName') name = text(child);
    }
    if (name) bind(name);
    const info: FunctionInfo = { name, node, isAsync, fixed: null, isGenerator: false, parent: place.fn };
    if (place.noAwait === 'class body') info.fixed = 'it is a method';
    else if (node.parent?.name === 'DecoratedStatement') info.fixed = 'it is decorated';
    // A `yield` in the body marks it a generator when the walk reaches it (case 'yield' in visit).
    model.functions.push(info);
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.name === 'VariableName') continue; // the def's own name is a binding, not a use
      // Parameter defaults are evaluated where the def stands, the body inside the function.
      visit(child, child.name === 'Body' ? { fn: info, noAwait: null } : place);
    }
  };

  const readImport = (node: SyntaxNode) => {
    const parts: SyntaxNode[] = [];
    for (let c = node.firstChild; c; c = c.nextSibling) parts.push(c);
    const isFrom = parts[0]?.name === 'from';
    if (isFrom) {
      const moduleName = parts[1] && parts[1].name === 'VariableName' ? text(parts[1]) : '';
      const start = parts.findIndex((p) => p.name === 'import');
      // `from a.b import c` binds `c` to `a.b.c` (a broken statement, parsed with errors, names nothing).
      const dotted = start > 1 ? source.slice(parts[1].from, parts[start - 1].to).replace(/\s/g, '') : null;
      for (let i = start + 1; i < parts.length; i++) {
        if (parts[i].name !== 'VariableName') continue;
        const imported = text(parts[i]);
        let local = imported;
        if (parts[i + 1]?.name === 'as' && parts[i + 2]) {
          local = text(parts[i + 2]);
          i += 2;
        }
        bind(local);
        if (dotted !== null) model.aliases.set(local, `${dotted}.${imported}`);
        if (moduleName === 'asyncio' && imported === 'run') model.runNames.add(local);
      }
      return;
    }
    // `import a.b.c` binds `a`; `import a.b as c` binds `c` to `a.b`.
    for (let i = 1; i < parts.length; i++) {
      if (parts[i].name !== 'VariableName') continue;
      // `import a.b as c` has several names before `as`; only a bare `asyncio` binds the module.
      let j = i;
      while (parts[j + 1]?.name === '.' && parts[j + 2]) j += 2;
      const dotted = source.slice(parts[i].from, parts[j].to);
      let local = text(parts[i]);
      if (parts[j + 1]?.name === 'as' && parts[j + 2]) {
        local = text(parts[j + 2]);
        model.aliases.set(local, dotted.replace(/\s/g, ''));
        if (dotted === 'asyncio') model.asyncioNames.add(local);
        j += 2;
      } else {
        model.aliases.set(local, local);
        if (dotted === 'asyncio') model.asyncioNames.add(local);
      }
      bind(local);
      i = j;
    }
  };

  const isRunnerConstruction = (node: SyntaxNode | null): boolean => {
    if (!node || node.name !== 'CallExpression') return false;
    const callee = node.firstChild;
    if (!callee) return false;
    if (callee.name === 'MemberExpression') {
      const object = callee.firstChild;
      const prop = callee.getChild('PropertyName');
      return (
        object?.name === 'VariableName' &&
        model.asyncioNames.has(text(object)) &&
        prop !== null &&
        text(prop) === 'Runner'
      );
    }
    return false;
  };

  const readAssignment = (node: SyntaxNode) => {
    const targets: SyntaxNode[] = [];
    let value: SyntaxNode | null = null;
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.name === 'AssignOp') continue;
      targets.push(c);
    }
    value = targets.pop() ?? null;
    for (const t of targets) {
      if (t.name === 'VariableName') {
        bind(text(t));
        if (isRunnerConstruction(value)) model.runnerNames.add(text(t));
      }
    }
  };

  const readWith = (node: SyntaxNode) => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.name === 'as' && c.nextSibling?.name === 'VariableName') {
        const manager = c.prevSibling;
        if (isRunnerConstruction(manager)) model.runnerNames.add(text(c.nextSibling));
      }
    }
  };

  const readCall = (node: SyntaxNode, place: Place) => {
    const callee = node.firstChild;
    const args = node.lastChild;
    if (!callee || args?.name !== 'ArgList') return;
    model.calls.push({
      node,
      callee,
      args,
      place,
      awaited: node.parent?.name === 'AwaitExpression',
    });
  };

  const readName = (node: SyntaxNode, place: Place) => {
    const parent = node.parent;
    // keyword argument names (`f(debug=True)`) are not uses of a variable
    if (parent?.name === 'ArgList' && node.nextSibling?.name === 'AssignOp') return;
    if (parent?.name === 'ImportStatement') return;
    // Lezer hands out a new node object on each visit: compare positions, not identity.
    const last = model.calls.at(-1);
    const isCallee =
      parent?.name === 'CallExpression' && last?.node.from === parent.from && last.callee.to === node.to;
    model.uses.push({ name: text(node), node, call: isCallee ? last : null, place });
  };

  visit(tree.topNode, { fn: null, noAwait: null });
  return model;
}
