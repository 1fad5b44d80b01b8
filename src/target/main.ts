// Entry script of the demo target as a child process: `node --import tsx src/target/main.ts [options]`.
import { runTargetCommand } from './command.ts';

process.exitCode = await runTargetCommand(process.argv.slice(2));
