using System.CommandLine;

namespace ZkPot.Cli;

/// <summary>
/// An option whose default is not one value but a rule or an absence ("none: ...", "$ZKPOT_KEY_DIR, else ..."): --help
/// shows these words where other options show their default value.
/// </summary>
public sealed class WordedDefaultOption<T>(string name, string defaultInWords) : Option<T>(name), IWordedDefault
{
    public string DefaultInWords { get; } = defaultInWords;
}

/// <summary>An option that states its default in words, whatever its value type.</summary>
public interface IWordedDefault
{
    string DefaultInWords { get; }
}
