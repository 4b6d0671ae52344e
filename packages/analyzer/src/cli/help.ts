// The help of the `consentry` command and of each subcommand, printed by `--help`.

const EXIT_CODES = `Exit codes: 0 clean, 1 findings at or above --fail-on (or a stale record with --check),
2 usage, policy or configuration error.
`;

/** `consentry --help`: the commands and the options every command takes. */
export const MAIN_HELP = `Usage: consentry <command> [options]

Commands:
  check [dir]      Check the policy and the code in dir (default: .) against each other
  ropa [dir]       Write the GDPR Art. 30 record of processing from the policy and
                   the code in dir
  explain <rule>   Print the documentation of a rule
  init [dir]       Write a draft consentry.yaml from what the code in dir shows
  merge <reports…> Merge JSON or SARIF reports (of --shard runs) into one, without duplicates

Run \`consentry <command> --help\` for the options of a command.

Options of every command:
  --color, --no-color      Colour the output, or not, whatever the terminal, FORCE_COLOR
                           and NO_COLOR say
  -h, --help               Show this help, or a command's
  -v, --version            Show the version

${EXIT_CODES}`;

/** `consentry check --help`. */
export const CHECK_HELP = `Usage: consentry check [dir] [options]

Checks the policy and the code in dir (default: .) against each other and reports every place
user data reaches a purpose without the check its tier was promised.

Options:
  --policy FILE            Policy file (default: consentry.yaml in dir)
  --project FILE           tsconfig.json to analyse the code with
  --format FORMAT          pretty | json | sarif | markdown (default: from the
                           extension of --output, else pretty)
  --output FILE            Write the report to FILE instead of stdout; its extension
                           (.txt, .json, .sarif, .md) must agree with the format
  --sarif-category NAME    The SARIF run's category (automationDetails.id), to upload the
                           checks of several directories of one repository side by side
  --fail-on LEVEL          error | warning | note | never (default: error)
  --changed-since REF      Report only findings in (or flowing through) files changed
                           since git REF
  --baseline FILE          Do not report findings recorded in FILE
  --write-baseline FILE    Record every current finding in FILE and exit 0
  --force                  Replace --output or --write-baseline FILE even when it is not
                           a report or baseline Consentry wrote (never the policy file)
  --cache-dir DIR          Cache of module facts and results (default:
                           node_modules/.cache/consentry in dir)
  --no-cache               Neither read nor write the cache
  --shard I/N              Analyse shard I of N (by workspace package, tsconfig project
                           or directory) and report the findings in its files
  --max-memory MB          Heap limit; near it, say which part was too large and exit 2
  --profile-phases         After the report, print time and memory by phase to stderr
  --limit NAME=VALUE       Raise a limit of the code analysis (file-bytes, depth, steps,
                           closure-depth, rounds); code past one is an analysis-incomplete
                           finding
  --color, --no-color      Colour the pretty format, or not
  -h, --help               Show this help

Paths in the pretty format are relative to the current directory; in SARIF, to the root of the
git repository.

${EXIT_CODES}`;

/** `consentry ropa --help`. */
export const ROPA_HELP = `Usage: consentry ropa [dir] [options]

Writes the GDPR Art. 30 record of processing from the policy and the code in dir (default: .).

Options:
  --policy FILE            Policy file (default: consentry.yaml in dir)
  --project FILE           tsconfig.json to analyse the code with
  --format FORMAT          markdown | html | csv | json | jsonld (default: from the
                           extension of --output, else markdown)
  --template NAME          Columns of a CSV record: cnil | ico (default: cnil)
  --output FILE            Write the record to FILE (and nothing else) instead of stdout
  --check                  Exit 1 and print a diff when --output FILE is not up to date
                           (the evidence appendix, with line numbers, is not compared)
  --force                  Replace --output FILE even when Consentry did not write it
  --cache-dir DIR          The cache check keeps, read (never written): after a full check
                           of the same code, its analysis is reused (default:
                           node_modules/.cache/consentry in dir)
  --no-cache               Do not read the cache
  --limit NAME=VALUE       Raise a limit of the code analysis, as check takes it (the same
                           limits as the check whose cached analysis it reuses)
  -h, --help               Show this help

Exit codes: 0 written (or up to date), 1 a stale record with --check, 2 usage, policy or
configuration error.
`;

/** `consentry explain --help`. */
export const EXPLAIN_HELP = `Usage: consentry explain <rule>

Prints the documentation of a rule: what it finds, why it matters (the GDPR article or
guidance behind it) and how to fix it. \`consentry explain --list\` lists the rules.

Options:
  --list                   List the rules with their one-line descriptions
  -h, --help               Show this help
`;

/** `consentry merge --help`. */
export const MERGE_HELP = `Usage: consentry merge <reports…> [options]

Merges JSON or SARIF reports of one project (for example of \`check --shard\` runs) into one:
findings several reports hold appear once, in a stable order; the inputs must share a format.

Options:
  --output FILE            Write the merged report to FILE instead of stdout
  --force                  Replace --output FILE even when it is not a report Consentry wrote
  --fail-on LEVEL          error | warning | note | never (default: error)
  -h, --help               Show this help

${EXIT_CODES}`;
