using Xunit;

namespace TrapActors.Tests.Usm;

/// <summary>
/// usm.aes-key-extension = detect: a user configured with one AES-192/256 key extension (Blumenthal: net-snmp's
/// AES-192/AES-256; Reeder: AES-192-C/AES-256-C) also receives from a sender using the other. MD5 and SHA give
/// localized keys shorter than 24/32 bytes, so the two extensions give different keys.
/// </summary>
public sealed class UsmAesDetectTests() : UsmSpec("trap-actors.usm.aes-key-extension = detect", new TrapReceiverSetup
{
    Users = [.. Users.Select(u => u.ToUsmUser()), Bound.ToUsmUser(UsmTestData.Engine(BoundEngine))],
})
{
    private const string BoundEngine = "0x800000000102030405e0";

    private static readonly V3User[] Users =
    [
        new("blu-md5-192", "MD5", "blu-md5-192-auth", "AES-192", "blu-md5-192-priv"),
        new("ree-md5-192", "MD5", "ree-md5-192-auth", "AES-192-C", "ree-md5-192-priv"),
        new("blu-sha-256", "SHA", "blu-sha-256-auth", "AES-256", "blu-sha-256-priv"),
        new("ree-sha-256", "SHA", "ree-sha-256-auth", "AES-256-C", "ree-sha-256-priv"),
    ];

    private static readonly V3User Bound = new("bound-sha-192", "SHA", "bound-sha-192-auth", "AES-192", "bound-sha-192-priv");

    [Theory]
    [InlineData("blu-md5-192", "AES-192-C")]
    [InlineData("ree-md5-192", "AES-192")]
    [InlineData("blu-sha-256", "AES-256-C")]
    [InlineData("ree-sha-256", "AES-256")]
    public async Task The_other_key_extension_is_detected_and_remembered(string name, string sentWith)
    {
        var configured = Users.Single(u => u.Name == name);
        var sender = configured with { Priv = sentWith };
        const string engine = "0x800000000102030404d0";
        var subscriber = await SubscriberAsync();

        await SendTrapAsync(sender, engine, "first");
        var n = await ExpectTrapAsync(subscriber, name, "first");
        Assert.Equal(SecurityLevel.AuthPriv, n.Origin.SecurityLevel);
        var afterFirst = (await StatsAsync()).Usm.KeyDerivations;

        // Remembered for this user and engine: no derivation and no failed attempt for the next one.
        await SendTrapAsync(sender, engine, "second");
        await ExpectTrapAsync(subscriber, name, "second");
        var stats = await StatsAsync();
        Assert.Equal(afterFirst, stats.Usm.KeyDerivations);

        // A sender using the configured extension still gets through.
        await SendTrapAsync(configured, engine, "configured");
        await ExpectTrapAsync(subscriber, name, "configured");
        stats = await StatsAsync();
        Assert.Equal(0, stats.TotalDropped);
        Assert.Equal(0, stats.Usm.DecryptionErrors);
    }

    /// <summary>
    /// The attack: a sender that authenticates but whose PDUs decrypt with neither extension (a wrong privacy password)
    /// made the receiver derive the other extension's keys (1 MiB of hashing) for every packet. The outcome is
    /// remembered per user and engine: both extensions' keys are kept, so such packets cost two decryption attempts
    /// and no derivation, and a good packet of either extension still gets through.
    /// </summary>
    [Theory]
    [InlineData("blu-md5-192", "AES-192-C")]
    [InlineData("ree-sha-256", "AES-256")]
    public async Task Packets_that_decrypt_with_neither_extension_derive_keys_once_not_per_packet(string name, string other)
    {
        const int Rounds = 5;
        var configured = Users.Single(u => u.Name == name);
        var wrongPriv = configured with { PrivPassword = "not-the-priv-password" };
        const string engine = "0x800000000102030407a0";
        var subscriber = await SubscriberAsync();

        await SendTrapAsync(wrongPriv, engine, "wrong 0");
        await AwaitDroppedAsync(DropReason.DecryptionError, 1);
        var afterFirst = (await StatsAsync()).Usm.KeyDerivations;
        for (var i = 1; i <= Rounds; i++)
            await SendTrapAsync(wrongPriv, engine, $"wrong {i}");
        await AwaitDroppedAsync(DropReason.DecryptionError, 1 + Rounds);
        Assert.Equal(afterFirst, (await StatsAsync()).Usm.KeyDerivations);

        // "Neither" is not a verdict on the sender: the other extension and the configured one still decrypt.
        await SendTrapAsync(configured with { Priv = other }, engine, "other");
        await ExpectTrapAsync(subscriber, name, "other");
        for (var i = 1; i <= Rounds; i++)
            await SendTrapAsync(wrongPriv, engine, $"wrong again {i}");
        await AwaitDroppedAsync(DropReason.DecryptionError, 1 + 2 * Rounds);
        await SendTrapAsync(configured, engine, "configured");
        await ExpectTrapAsync(subscriber, name, "configured");
        await SendTrapAsync(configured with { Priv = other }, engine, "other again");
        await ExpectTrapAsync(subscriber, name, "other again");

        var stats = await StatsAsync();
        Assert.Equal(afterFirst, stats.Usm.KeyDerivations);
        Assert.Equal(1 + 2 * Rounds, stats.Usm.DecryptionErrors);
    }

    [Fact]
    public async Task An_engine_bound_user_detects_the_other_extension_once_not_per_packet()
    {
        var subscriber = await SubscriberAsync();
        var sender = Bound with { Priv = "AES-192-C" };

        await SendTrapAsync(sender, BoundEngine, "first");
        await ExpectTrapAsync(subscriber, Bound.Name, "first");
        var afterFirst = (await StatsAsync()).Usm.KeyDerivations;

        await SendTrapAsync(sender, BoundEngine, "second");
        await ExpectTrapAsync(subscriber, Bound.Name, "second");
        await SendTrapAsync(sender, BoundEngine, "third");
        await ExpectTrapAsync(subscriber, Bound.Name, "third");

        // "Keys are derived now, never per packet": the Reeder extension (a password-to-key of 1 MiB of hashing)
        // must not be redone for every packet of an engine-bound user.
        Assert.Equal(afterFirst, (await StatsAsync()).Usm.KeyDerivations);
    }
}

/// <summary>usm.aes-key-extension = as-configured: the other key extension is a decryption error.</summary>
public sealed class UsmAesAsConfiguredTests() : UsmSpec("trap-actors.usm.aes-key-extension = as-configured", new TrapReceiverSetup
{
    Users = [.. Users.Select(u => u.ToUsmUser())],
})
{
    private static readonly V3User[] Users =
    [
        new("blu-sha-192", "SHA", "blu-sha-192-auth", "AES-192", "blu-sha-192-priv"),
        new("ree-md5-256", "MD5", "ree-md5-256-auth", "AES-256-C", "ree-md5-256-priv"),
    ];

    [Theory]
    [InlineData("blu-sha-192", "AES-192-C")]
    [InlineData("ree-md5-256", "AES-256")]
    public async Task The_other_key_extension_is_a_decryption_error(string name, string sentWith)
    {
        var configured = Users.Single(u => u.Name == name);
        const string engine = "0x800000000102030406f0";
        WatchBadPackets();
        var subscriber = await SubscriberAsync();

        await SendTrapAsync(configured with { Priv = sentWith }, engine, "other extension");
        await AssertRefusedAsync(subscriber, TrapReceiverErrorCodes.DecryptionFailed, DropReason.DecryptionError,
            UsmStats.Empty with { DecryptionErrors = 1 }, (DropReason.DecryptionError, 1));

        await SendTrapAsync(configured, engine, "configured");
        await ExpectTrapAsync(subscriber, name, "configured");
    }
}
