using ZkPot.Ledger.Consensus;
using ZkPot.Ledger.Simulation;

namespace ZkPot.Ledger.Chain;

/// <summary>Maps the proof scheme a genesis record names to a verifier; the Groth16 verifier registers itself here from the layer that owns it.</summary>
public sealed class ProofVerifierRegistry
{
    /// <summary>Builds a verifier from the genesis record's parameters; the files they name are read through <paramref name="files"/>, checked against their committed SHA-256.</summary>
    public delegate IProofVerifier Factory(IReadOnlyDictionary<string, string> parameters, ChainFiles files);

    readonly Dictionary<string, Factory> _factories = new(StringComparer.Ordinal);

    /// <summary>A registry that knows the simulation's stand-in scheme.</summary>
    public static ProofVerifierRegistry WithBuiltIns()
    {
        var registry = new ProofVerifierRegistry();
        registry.Register(StandInProofVerifier.SchemeName, (parameters, _) => StandInProofVerifier.FromParameters(parameters));
        return registry;
    }

    public IReadOnlyCollection<string> Schemes => _factories.Keys;

    public void Register(string scheme, Factory factory)
    {
        if (!_factories.TryAdd(scheme, factory)) throw new ArgumentException($"proof scheme '{scheme}' is already registered", nameof(scheme));
    }

    public IProofVerifier Create(string scheme, IReadOnlyDictionary<string, string> parameters, ChainFiles files) =>
        _factories.TryGetValue(scheme, out var factory)
            ? factory(parameters, files)
            : throw new InvalidDataException($"proof scheme '{scheme}' is not available in this build (known: {string.Join(", ", _factories.Keys.Order())})");
}
