import type { Edge } from 'edge.js'

/*
 * What Edge 6.5 does again at every render, even with `cache: true`, and
 * how it is done once here (production only: in development templates and
 * components are edited while the server runs).
 *
 * - Component discovery. The default `edge` instance is created without
 *   options, so its bundled "supercharged components" plugin is registered
 *   as recurring and, at every `createRenderer()` (every request that
 *   renders), lists every file of every mounted disk (readdirSync,
 *   existsSync) to learn the component tags. `edge.configure({ cache })`
 *   does not change that. The list is kept until a disk is mounted or
 *   unmounted.
 * - Templates and components are cached by Edge under their file's path,
 *   which it works out again (disk, path joins) at every render and every
 *   component call: kept here under the name they are asked by.
 * - Partials. `@include` compiles through `compile(path, localVariables)`,
 *   and Edge's compiler caches only templates compiled without local
 *   variables: every include read, tokenized and parsed its file again. The
 *   compiled function depends only on the file and the names of the local
 *   variables in scope at the include (they become its parameters), so it is
 *   kept under that key.
 */

type Compiler = Edge['compiler']
const CACHED = Symbol('parvis.edgeCache')

function cacheComponentList(edge: Edge, forget: Set<() => void>) {
  const loader = edge.loader
  const listComponents = loader.listComponents.bind(loader)
  let components: ReturnType<typeof listComponents> | null = null
  loader.listComponents = () => (components ??= listComponents())
  forget.add(() => (components = null))
}

function cachePartials(compiler: Compiler, forget: Set<() => void>) {
  const compile = compiler.compile.bind(compiler)
  const partials = new Map<string, ReturnType<typeof compile>>()
  compiler.compile = (templatePath: string, localVariables?: string[]) => {
    // Templates and components too, by the name they are asked by: Edge caches them by
    // their file, but finds the file again (disk name, path joins) at every call.
    const key = localVariables ? `${templatePath}\0${localVariables.join(',')}` : templatePath
    let compiled = partials.get(key)
    if (!compiled) {
      compiled = localVariables ? compile(templatePath, localVariables) : compile(templatePath)
      partials.set(key, compiled)
    }
    return compiled
  }
  forget.add(() => partials.clear())
}

/**
 * Makes this Edge instance discover its components once and compile each
 * partial once. Call it after `edge.configure()` (which replaces the
 * compilers): the Edge provider's boot has run by then.
 */
export function cacheEdgeWork(edge: Edge) {
  const marked = edge as Edge & { [CACHED]?: true }
  if (marked[CACHED]) return
  marked[CACHED] = true
  const forget = new Set<() => void>()
  cacheComponentList(edge, forget)
  cachePartials(edge.compiler, forget)
  cachePartials(edge.asyncCompiler, forget)
  const forgetAll = () => forget.forEach((clear) => clear())
  const { mount, unmount, removeTemplate } = edge
  edge.mount = ((...args: [string, string | URL]) => {
    forgetAll()
    return mount.apply(edge, args)
  }) as Edge['mount']
  edge.unmount = (diskName: string) => {
    forgetAll()
    return unmount.call(edge, diskName)
  }
  edge.removeTemplate = (templatePath: string) => {
    forgetAll()
    return removeTemplate.call(edge, templatePath)
  }
}
