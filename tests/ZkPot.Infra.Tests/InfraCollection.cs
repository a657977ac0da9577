namespace ZkPot.Infra.Tests;

/// <summary>
/// One collection for every infrastructure test: the checks may install npm packages or the Bicep CLI on first
/// use, and two installs must not race.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class InfraCollection
{
    /// <summary>The collection name the test classes refer to.</summary>
    public const string Name = "infra checks";
}
