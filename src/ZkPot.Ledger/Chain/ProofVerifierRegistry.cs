using ZkPot.Ledger.Consensus;
using ZkPot.Ledger.Simulation;

namespace ZkPot.Ledger.Chain;

/// <summary>Maps the proof scheme named in a chain directory to a verifier; the Groth16 verifier registers itself here from the layer that owns it.</summary>
public sealed class ProofVerifierRegistry
{
    /// <summary>Builds a verifier from the manifest's parameters; file parameters are relative to <paramref name="chainDirectory"/>.</summary>
    public delegate IProofVerifier Factory(IReadOnlyDictionary<string, string> parameters, string chainDirectory);

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

    public IProofVerifier Create(string scheme, IReadOnlyDictionary<string, string> parameters, string chainDirectory) =>
        _factories.TryGetValue(scheme, out var factory)
            ? factory(parameters, chainDirectory)
            : throw new InvalidDataException($"proof scheme '{scheme}' is not available in this build (known: {string.Join(", ", _factories.Keys.Order())})");
}
