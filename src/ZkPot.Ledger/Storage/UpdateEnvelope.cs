using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Agreement;
using Org.BouncyCastle.Crypto.Parameters;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Canonical;
using ZkPot.Ledger.Identity;

namespace ZkPot.Ledger.Storage;

/// <summary>A participant's model update encrypted to the round leader: X25519 (fresh ephemeral key, leader's static key) + HKDF-SHA256 + AES-256-GCM.</summary>
/// <remarks>
/// Envelope: version u8 (1) | ephemeral public key[32] | nonce[12] | ciphertext | tag[16].
/// key = HKDF-SHA256(ikm = X25519 shared secret, salt = ephemeral public || recipient public, info = "zkpot/envelope/v1", 32 bytes).
/// Associated data = tag "zkpot/envelope/v1" | task_id[32] | round u64 | participant[20] | ephemeral public[32] | recipient public[32],
/// so an envelope moved to another round, participant or recipient fails to open.
/// </remarks>
public static class UpdateEnvelope
{
    const byte Version = 1;
    const int KeySize = 32, NonceSize = 12, TagSize = 16;
    public const int Overhead = 1 + KeySize + NonceSize + TagSize;

    public static byte[] Seal(ReadOnlySpan<byte> recipientAgreementKey, Hash32 taskId, long round, NodeId participant, ReadOnlySpan<byte> plaintext)
    {
        if (recipientAgreementKey.Length != KeySize) throw new ArgumentException($"recipient X25519 key has {recipientAgreementKey.Length} bytes, expected 32", nameof(recipientAgreementKey));
        var ephemeral = new X25519PrivateKeyParameters(RandomNumberGenerator.GetBytes(KeySize), 0);
        byte[] ephemeralPublic = ephemeral.GeneratePublicKey().GetEncoded();
        byte[] key = DeriveKey(ephemeral, recipientAgreementKey, ephemeralPublic, recipientAgreementKey, "recipient key");
        byte[] envelope = new byte[Overhead + plaintext.Length];
        envelope[0] = Version;
        ephemeralPublic.CopyTo(envelope, 1);
        var nonce = envelope.AsSpan(1 + KeySize, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        byte[] ad = AssociatedData(taskId, round, participant, ephemeralPublic, recipientAgreementKey);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, envelope.AsSpan(1 + KeySize + NonceSize, plaintext.Length), envelope.AsSpan(envelope.Length - TagSize), ad);
        CryptographicOperations.ZeroMemory(key);
        return envelope;
    }

    /// <summary>Decrypts an envelope addressed to <paramref name="recipient"/>; throws InvalidDataException when it is malformed, tampered with, or bound to another task, round or participant.</summary>
    public static byte[] Open(NodeIdentity recipient, Hash32 taskId, long round, NodeId participant, ReadOnlySpan<byte> envelope)
    {
        if (envelope.Length < Overhead) throw new InvalidDataException($"envelope: {envelope.Length} bytes is shorter than the {Overhead}-byte overhead");
        if (envelope[0] != Version) throw new InvalidDataException($"envelope: version {envelope[0]} is not supported (expected {Version})");
        byte[] ephemeralPublic = envelope.Slice(1, KeySize).ToArray();
        byte[] key = DeriveKey(recipient.AgreementKey, ephemeralPublic, ephemeralPublic, recipient.AgreementPublicKey, "ephemeral key");
        byte[] ad = AssociatedData(taskId, round, participant, ephemeralPublic, recipient.AgreementPublicKey);
        var plaintext = new byte[envelope.Length - Overhead];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(envelope.Slice(1 + KeySize, NonceSize), envelope.Slice(1 + KeySize + NonceSize, plaintext.Length),
                        envelope[^TagSize..], plaintext, ad);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new InvalidDataException($"envelope for round {round}, participant {participant}: authentication failed (tampered, or bound to another task, round, participant or recipient)");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
        return plaintext;
    }

    static byte[] DeriveKey(X25519PrivateKeyParameters own, ReadOnlySpan<byte> peerPublic, ReadOnlySpan<byte> ephemeralPublic, ReadOnlySpan<byte> recipientPublic, string peerName)
    {
        var agreement = new X25519Agreement();
        agreement.Init(own);
        byte[] shared = new byte[agreement.AgreementSize];
        try
        {
            agreement.CalculateAgreement(new X25519PublicKeyParameters(peerPublic.ToArray(), 0), shared, 0);
        }
        catch (InvalidOperationException)
        {
            // An all-zero shared secret: the peer key is a low-order point, which an honest peer never sends.
            throw new InvalidDataException($"envelope: the {peerName} is a low-order X25519 point");
        }
        byte[] salt = [.. ephemeralPublic, .. recipientPublic];
        byte[] key = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, KeySize, salt, System.Text.Encoding.ASCII.GetBytes(DomainTag.Envelope));
        CryptographicOperations.ZeroMemory(shared);
        return key;
    }

    static byte[] AssociatedData(Hash32 taskId, long round, NodeId participant, ReadOnlySpan<byte> ephemeralPublic, ReadOnlySpan<byte> recipientPublic) =>
        DomainTag.Prefix(DomainTag.Envelope, new CanonicalWriter(128).Hash(taskId).Height(round).Node(participant).Fixed(ephemeralPublic).Fixed(recipientPublic).WrittenSpan);
}
