using System.Collections.Frozen;
using TrapActors.Snmp.Messages;

namespace TrapActors.Security;

/// <summary>
/// Which authenticated notifications may be delivered, like snmptrapd's authCommunity/authUser. With rules
/// configured it denies by default: the rule with the longest trap-OID subtree that contains the notification's
/// trap OID and applies to its sender decides (at equal length a rule for a user, or for community-based messages,
/// before one for every sender), by comparing the message's security level with the rule's minimum. A per-user
/// minimum level holds in addition to the rules. No rules: everything allowed (communities and USM users are
/// deny-by-default already). Thread-safe and immutable; <see cref="IsAllowed"/> allocates nothing.
/// </summary>
internal sealed class NotificationAccess
{
    public const string AllowedWithoutRules = "no access rules are configured";
    public const string NoRuleCovers = "no access rule covers this trap OID for this sender";

    public static readonly NotificationAccess AllowAll = new([], FrozenDictionary<string, Floor>.Empty);

    private readonly Rule[] _rules;
    private readonly FrozenDictionary<string, Floor> _floors;

    private NotificationAccess(Rule[] rules, FrozenDictionary<string, Floor> floors)
    {
        _rules = rules;
        _floors = floors;
    }

    public static NotificationAccess FromSettings(NotificationAccessSettings settings)
    {
        if (settings.IsEmpty)
            return AllowAll;
        var rules = settings.Rules
            .Select((r, i) => new Rule(r, i))
            .OrderByDescending(r => r.Settings.TrapOid.Length)
            .ThenByDescending(r => r.Settings.IsRestricted)
            .ThenBy(r => r.Index)
            .ToArray();
        var floors = settings.UserMinimumLevels.ToFrozenDictionary(f => f.User, f => new Floor(f), StringComparer.Ordinal);
        return new NotificationAccess(rules, floors);
    }

    public bool HasRules => _rules.Length > 0 || _floors.Count > 0;

    /// <summary>
    /// True when <paramref name="notification"/> may be delivered; <paramref name="reason"/> names the rule that
    /// decided (a preformatted string: it holds no secret and costs nothing per call).
    /// </summary>
    public bool IsAllowed(SnmpNotification notification, out string reason)
    {
        var origin = notification.Origin;
        var user = origin.Version == SnmpVersion.V3 ? origin.User : null;
        if (user is not null && _floors.TryGetValue(user, out var floor) && origin.SecurityLevel < floor.Minimum)
        {
            reason = floor.DenyReason;
            return false;
        }
        if (_rules.Length == 0)
        {
            reason = AllowedWithoutRules;
            return true;
        }
        var trapOid = notification.TrapOid;
        foreach (var rule in _rules)
        {
            if (!rule.AppliesTo(origin.Version, user) || !trapOid.StartsWith(rule.Settings.TrapOid))
                continue;
            if (origin.SecurityLevel >= rule.Settings.MinimumLevel)
            {
                reason = rule.AllowReason;
                return true;
            }
            reason = rule.DenyReason;
            return false;
        }
        reason = NoRuleCovers;
        return false;
    }

    public override string ToString() => $"NotificationAccess {{ {_rules.Length} rules, {_floors.Count} user minimum levels }}";

    private sealed class Rule(NotificationAccessRule settings, int index)
    {
        public NotificationAccessRule Settings { get; } = settings;

        public int Index { get; } = index;

        public string AllowReason { get; } = $"allowed by {NotificationAccessSettings.Path}.rules[{index}] ({settings})";

        public string DenyReason { get; } = $"below the minimum security level of {NotificationAccessSettings.Path}.rules[{index}] ({settings})";

        public bool AppliesTo(SnmpVersion version, string? user) =>
            Settings.User is { } only ? string.Equals(only, user, StringComparison.Ordinal)
            : !Settings.CommunityBased || version != SnmpVersion.V3;
    }

    private sealed class Floor(UserMinimumLevel settings)
    {
        public SecurityLevel Minimum { get; } = settings.MinimumLevel;

        public string DenyReason { get; } = $"user '{settings.User}' is not accepted below {settings.MinimumLevel} ({NotificationAccessSettings.Path}.user-minimum-levels)";
    }
}
