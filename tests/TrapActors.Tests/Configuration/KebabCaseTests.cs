using TrapActors.Configuration;
using Xunit;

namespace TrapActors.Tests.Configuration;

public class KebabCaseTests
{
    public enum Sample
    {
        Rfc3584,
        OnReceipt,
        Aes192C,
        Sha256Hmac,
        HMACSha256,
        TLSFailure,
        X,
        V2c,
        UnsupportedSecurityLevel,
    }

    [Theory]
    [InlineData("OnReceipt", "on-receipt")]
    [InlineData("BySubscriber", "by-subscriber")]
    [InlineData("TooLarge", "too-large")]
    [InlineData("UnsupportedSecurityLevel", "unsupported-security-level")]
    [InlineData("Discovery", "discovery")]
    [InlineData("Rfc3584", "rfc3584")]
    [InlineData("Aes256", "aes256")]
    [InlineData("Aes192C", "aes192-c")]
    [InlineData("Sha256Hmac", "sha256-hmac")]
    [InlineData("HMACSha256", "hmac-sha256")]
    [InlineData("TLSFailure", "tls-failure")]
    [InlineData("DES", "des")]
    [InlineData("V2c", "v2c")]
    [InlineData("X", "x")]
    [InlineData("", "")]
    public void Pascal_case_to_kebab_case(string pascal, string expected) => Assert.Equal(expected, KebabCase.FromPascal(pascal));

    [Fact]
    public void The_names_the_configuration_and_the_statistics_use()
    {
        Assert.Equal("by-subscriber", KebabCase.Of(InformAcknowledgeMode.BySubscriber));
        Assert.Equal("after-delivery", KebabCase.Of(InformAcknowledgeMode.AfterDelivery));
        Assert.Equal("rfc3584", KebabCase.Of(V1TrapOidRule.Rfc3584));
        Assert.Equal("back-pressure", KebabCase.Of(SubscriberOverflow.BackPressure));
        Assert.Equal("unknown-community", KebabCase.Of(DropReason.UnknownCommunity));
        Assert.Equal("no-client-certificate", KebabCase.Of(DtlsRefusal.NoClientCertificate));
        Assert.Equal(["as-configured", "detect"], KebabCase.Names<AesKeyExtensionMode>());
    }

    [Fact]
    public void Every_member_reads_back_from_its_name()
    {
        foreach (var value in Enum.GetValues<Sample>())
        {
            Assert.True(KebabCase.TryParse<Sample>(KebabCase.Of(value), out var read), KebabCase.Of(value));
            Assert.Equal(value, read);
        }
        foreach (var reason in Enum.GetValues<DropReason>())
        {
            Assert.True(KebabCase.TryParse<DropReason>(KebabCase.Of(reason), out var read));
            Assert.Equal(reason, read);
        }
    }

    [Theory]
    [InlineData("ON-RECEIPT", Sample.OnReceipt)]
    [InlineData("onreceipt", Sample.OnReceipt)]
    [InlineData("aes192-c", Sample.Aes192C)]
    public void Reading_ignores_case(string text, Sample expected)
    {
        Assert.True(KebabCase.TryParse<Sample>(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("+1")]
    [InlineData("-1")]
    [InlineData("-on-receipt")]
    [InlineData("on-receipt,x")]
    [InlineData("sometimes")]
    public void Numbers_combinations_and_unknown_names_are_refused(string text) =>
        Assert.False(KebabCase.TryParse<Sample>(text, out _));
}
