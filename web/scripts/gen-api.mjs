// Writes src/api/schema.ts, the TypeScript types of ../openapi.yaml (openapi-typescript,
// then Prettier). With --check it writes nothing and fails when the committed file is
// not what the spec generates, so the spec and the web types cannot drift apart.
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import openapiTS, { astToString } from 'openapi-typescript'
import * as prettier from 'prettier'

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const spec = path.resolve(web, '../openapi.yaml')
const target = path.join(web, 'src/api/schema.ts')
const check = process.argv.includes('--check')

const header = `// Generated from openapi.yaml by \`npm run gen:api\` (scripts/gen-api.mjs); do not edit.
// \`npm run check\` fails when this file is not what openapi.yaml generates.
`
// A schema's `default` is what the server assumes when a request leaves the field out,
// so it must not make the field required (openapi-typescript's defaultNonNullable).
const ast = await openapiTS(pathToFileURL(spec), { defaultNonNullable: false })
const options = { ...(await prettier.resolveConfig(target)), filepath: target }
const generated = await prettier.format(header + '\n' + astToString(ast), options)

if (check) {
  let committed = ''
  try {
    committed = readFileSync(target, 'utf8')
  } catch {
    // a missing file differs like any other
  }
  if (committed !== generated) {
    console.error('src/api/schema.ts is not what openapi.yaml generates: run `npm run gen:api` and commit it.')
    process.exit(1)
  }
  console.log('src/api/schema.ts matches openapi.yaml.')
} else {
  writeFileSync(target, generated)
  console.log(`wrote ${path.relative(web, target)}`)
}
