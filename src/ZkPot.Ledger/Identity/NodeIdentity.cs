using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC.Rfc8032;
using ZkPot.Ledger.Canonical;

namespace ZkPot.Ledger.Identity;

/// <summary>A node's secret keys: Ed25519 for signing messages, X25519 for receiving encrypted updates; both derived from one 32-byte seed.</summary>
public sealed class NodeIdentity
{
    public const int SeedSize = 32;

    readonly byte[] _seed;
    readonly Ed25519PrivateKeyParameters _signingKey;
    readonly X25519PrivateKeyParameters _agreementKey;

    NodeIdentity(byte[] seed)
    {
        _seed = seed;
        // Two independent keys from one seed, so a grain persists a single secret.
        _signingKey = new Ed25519PrivateKeyParameters(HKDF.DeriveKey(HashAlgorithmName.SHA256, seed, 32, info: "zkpot/identity/ed25519"u8.ToArray()), 0);
        _agreementKey = new X25519PrivateKeyParameters(HKDF.DeriveKey(HashAlgorithmName.SHA256, seed, 32, info: "zkpot/identity/x25519"u8.ToArray()), 0);
        SigningPublicKey = _signingKey.GeneratePublicKey().GetEncoded();
        AgreementPublicKey = _agreementKey.GeneratePublicKey().GetEncoded();
        Id = NodeId.FromPublicKey(SigningPublicKey);
    }

    public static NodeIdentity FromSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != SeedSize) throw new ArgumentException($"an identity seed has 32 bytes, got {seed.Length}", nameof(seed));
        return new NodeIdentity(seed.ToArray());
    }

    public static NodeIdentity Generate() => new(RandomNumberGenerator.GetBytes(SeedSize));

    public NodeId Id { get; }

    public byte[] SigningPublicKey { get; }

    public byte[] AgreementPublicKey { get; }

    public ValidatorInfo Public => new(SigningPublicKey, AgreementPublicKey);

    /// <summary>The seed, for the owner's persisted state; whoever holds it can sign as this node.</summary>
    public byte[] ExportSeed() => (byte[])_seed.Clone();

    /// <summary>Signs the domain-tagged payload (Ed25519, 64 bytes).</summary>
    public byte[] Sign(string domainTag, ReadOnlySpan<byte> payload)
    {
        byte[] message = DomainTag.Prefix(domainTag, payload);
        var signature = new byte[Ed25519.SignatureSize];
        _signingKey.Sign(Ed25519.Algorithm.Ed25519, null, message, 0, message.Length, signature, 0);
        return signature;
    }

    /// <summary>
    /// The raw X25519 shared secret with a peer's agreement key (32 bytes), for deriving keys bound to a context; never
    /// use it as a key itself. InvalidDataException when the peer key is a low-order point (all-zero secret).
    /// </summary>
    public byte[] Agree(ReadOnlySpan<byte> peerAgreementKey)
    {
        if (peerAgreementKey.Length != 32) throw new InvalidDataException($"an X25519 public key has 32 bytes, got {peerAgreementKey.Length}");
        var agreement = new Org.BouncyCastle.Crypto.Agreement.X25519Agreement();
        agreement.Init(_agreementKey);
        byte[] shared = new byte[agreement.AgreementSize];
        try { agreement.CalculateAgreement(new X25519PublicKeyParameters(peerAgreementKey.ToArray(), 0), shared, 0); }
        catch (InvalidOperationException) { throw new InvalidDataException("the peer's X25519 key is a low-order point"); }
        return shared;
    }

    internal X25519PrivateKeyParameters AgreementKey => _agreementKey;
}
