// ESLint over everything in web/ that is code: the app (TypeScript and .vue),
// its specs, the browser suite and scripts (plain Node ESM), and the config files.
// Formatting is Prettier's job (.prettierrc); skipFormatting turns off every rule it owns.
import js from '@eslint/js'
import pluginVue from 'eslint-plugin-vue'
import { vueTsConfigs, withVueTs } from '@vue/eslint-config-typescript'
import skipFormatting from '@vue/eslint-config-prettier/skip-formatting'
import globals from 'globals'

export default withVueTs(
  { rootDir: import.meta.dirname },
  { name: 'qself/ignores', ignores: ['dist/**', 'coverage/**', 'e2e/output/**', 'node_modules/**'] },
  { name: 'qself/files', files: ['**/*.{ts,mts,vue,js,mjs}'] },
  js.configs.recommended,
  pluginVue.configs['flat/recommended'],
  vueTsConfigs.recommended,
  {
    name: 'qself/rules',
    rules: {
      // Props are typed: an optional prop is `T | undefined` and vue-tsc checks every use of it.
      'vue/require-default-prop': 'off',
    },
  },
  {
    name: 'qself/node-scripts',
    // The browser suite and scripts run in Node; the functions they hand to
    // page.evaluate run in the page, hence both sets of globals.
    files: ['e2e/**/*.mjs', 'scripts/**/*.mjs', '*.config.{js,ts}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  skipFormatting,
)
