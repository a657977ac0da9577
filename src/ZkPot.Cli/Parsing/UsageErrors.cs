using System.CommandLine;
using System.CommandLine.Parsing;

namespace ZkPot.Cli;

/// <summary>Turns a failed parse into the one line the CLI prints on stderr: the first problem, naming the option or word at fault.</summary>
public static class UsageErrors
{
    /// <summary>"zkpot VERB" for a command line that reached a verb, else "zkpot".</summary>
    public static string Prefix(ParseResult parsed)
    {
        string? verb = null;
        for (var result = parsed.CommandResult; result.Parent is CommandResult parent; result = parent) verb = result.Command.Name;
        return verb is null ? "zkpot" : "zkpot " + verb;
    }

    public static string Describe(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        string path = CommandPath(parsed.CommandResult);
        string subVerbs = string.Join(", ", command.Subcommands.Select(c => c.Name));
        if (parsed.UnmatchedTokens.Count > 0)
        {
            string token = parsed.UnmatchedTokens[0];
            if (token.StartsWith('-')) return $"unknown option {token} ({path} --help lists the options)";
            if (command is RootCommand) return $"unknown verb '{token}'; verbs: {subVerbs}";
            if (command.Subcommands.Count > 0) return $"unknown sub-command '{token}'; {command.Name} sub-commands: {subVerbs}";
            return $"unexpected argument '{token}'";
        }
        if (command.Subcommands.Count > 0 && command.Action is null)
            return $"missing sub-command: {path} ({subVerbs}) [options]";
        // A value given but refused comes before an option not given: it is what the user just typed.
        if (parsed.Errors.FirstOrDefault(e => e.SymbolResult is OptionResult or ArgumentResult && e.SymbolResult.Tokens.Count > 0) is { } refused) return refused.Message;
        foreach (var option in command.Options)
            if (option.Required && parsed.GetResult(option) is not { Implicit: false })
                return $"missing required option {option.Name}: {option.Description}";
        return parsed.Errors[0].Message;
    }

    static string CommandPath(CommandResult result) =>
        result.Parent is CommandResult parent ? CommandPath(parent) + " " + result.Command.Name : "zkpot";
}
