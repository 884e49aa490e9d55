using System.Collections.Immutable;
using Akka.Configuration;
using Akka.Configuration.Hocon;
using TrapActors.Snmp.Messages;

namespace TrapActors.Security;

/// <summary>
/// One rule of trap-actors.access.rules (snmptrapd's authCommunity/authUser): notifications whose trap OID lies in
/// <see cref="TrapOid"/> (empty: every OID) are accepted at <see cref="MinimumLevel"/> or above. A rule with a
/// <see cref="User"/> applies to that SNMPv3 securityName only; a <see cref="CommunityBased"/> one to v1/v2c only.
/// </summary>
internal sealed record NotificationAccessRule(Oid TrapOid, SecurityLevel MinimumLevel)
{
    public string? User { get; init; }

    public bool CommunityBased { get; init; }

    /// <summary>True when the rule is about one kind of sender rather than every sender.</summary>
    public bool IsRestricted => User is not null || CommunityBased;

    public override string ToString() =>
        $"trap-oid '{TrapOid}', {(User is not null ? $"user '{User}'" : CommunityBased ? "community-based" : "any sender")}, minimum {MinimumLevel}";
}

/// <summary>A floor for one SNMPv3 user that holds whatever rule matches (trap-actors.access.user-minimum-levels).</summary>
internal sealed record UserMinimumLevel(string User, SecurityLevel MinimumLevel);

/// <summary>The trap-actors.access section. No rules: every notification that passed authentication is allowed.</summary>
internal sealed record NotificationAccessSettings
{
    public const string Path = "trap-actors.access";

    public static readonly NotificationAccessSettings None = new();

    public ImmutableArray<NotificationAccessRule> Rules { get; init; } = [];

    public ImmutableArray<UserMinimumLevel> UserMinimumLevels { get; init; } = [];

    public bool IsEmpty => Rules.IsEmpty && UserMinimumLevels.IsEmpty;

    /// <summary>
    /// Reads trap-actors.access from the whole configuration. Throws <see cref="ConfigurationException"/> naming the
    /// full key and the bad value; values of unknown keys are never echoed (they might be secrets put in the wrong place).
    /// </summary>
    public static NotificationAccessSettings Read(Config config)
    {
        if (config.IsNullOrEmpty() || !config.HasPath(Path))
            return None;
        var rules = ReadList($"{Path}.rules", config, ["trap-oid", "minimum-security-level", "user", "community-based"], ReadRule);
        var floors = ReadList($"{Path}.user-minimum-levels", config, ["user", "minimum-security-level"], ReadFloor);
        CheckNoDuplicates(rules, r => (r.TrapOid, r.User, r.CommunityBased), $"{Path}.rules", "repeats the rule");
        CheckNoDuplicates(floors, f => f.User, $"{Path}.user-minimum-levels", "repeats the user");
        return new NotificationAccessSettings { Rules = rules, UserMinimumLevels = floors };
    }

    private static NotificationAccessRule ReadRule(Element e)
    {
        var user = e.OptionalString("user");
        var communityBased = e.Bool("community-based");
        if (user is not null && communityBased)
            throw e.Error("user", "a rule is either for one user or community-based, not both");
        if (user is { Length: 0 })
            throw e.Error("user", "must not be empty (leave it out for every user)");
        return new NotificationAccessRule(e.TrapOid("trap-oid"), e.Level("minimum-security-level"))
        {
            User = user,
            CommunityBased = communityBased,
        };
    }

    private static UserMinimumLevel ReadFloor(Element e)
    {
        var user = e.OptionalString("user");
        if (string.IsNullOrEmpty(user))
            throw e.Error("user", "is required");
        return new UserMinimumLevel(user, e.Level("minimum-security-level"));
    }

    private static ImmutableArray<T> ReadList<T>(string key, Config config, string[] allowedKeys, Func<Element, T> read)
    {
        HoconValue? value;
        try
        {
            value = config.GetValue(key);
        }
        catch (Exception)
        {
            throw new ConfigurationException($"{key}: must be a list of objects");
        }
        // Akka's parser keeps the whitespace around a value as literals beside it, and HoconValue.IsArray() is false
        // for an empty list: so the parts are looked at one by one.
        var parts = HoconParts.Of(value);
        if (parts.Count == 0)
            return [];
        if (!parts.All(v => v is HoconArray))
            throw new ConfigurationException($"{key}: must be a list of objects, like [ {{ {allowedKeys[0]} = ... }} ]");
        var items = ImmutableArray.CreateBuilder<T>();
        var index = 0;
        foreach (var item in parts.SelectMany(p => ((HoconArray)p).GetArray()))
        {
            var itemKey = $"{key}[{index++}]";
            if (HoconParts.Of(item) is not [HoconObject obj])
                throw new ConfigurationException($"{itemKey}: must be an object, like {{ {allowedKeys[0]} = ... }}");
            var unknown = obj.Items.Keys.FirstOrDefault(k => !allowedKeys.Contains(k));
            if (unknown is not null)
                throw new ConfigurationException($"{itemKey}.{unknown}: unknown key (allowed: {string.Join(", ", allowedKeys)})");
            var wrapped = new HoconValue();
            wrapped.AppendValue(obj);
            items.Add(read(new Element(itemKey, new Config(new HoconRoot(wrapped)))));
        }
        return items.ToImmutable();
    }

    private static void CheckNoDuplicates<T, TKey>(ImmutableArray<T> items, Func<T, TKey> key, string listKey, string what)
    {
        var seen = new HashSet<TKey>();
        for (var i = 0; i < items.Length; i++)
        {
            if (!seen.Add(key(items[i])))
                throw new ConfigurationException($"{listKey}[{i}]: {what} of an earlier entry ({items[i]})");
        }
    }

    /// <summary>One object of a list, read with errors that name its full key (trap-actors.access.rules[2].user).</summary>
    private sealed class Element(string key, Config config)
    {
        private static readonly string Levels = string.Join(" | ", Enum.GetNames<SecurityLevel>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]));

        public ConfigurationException Error(string field, string why) => new($"{key}.{field}: {why}");

        public string? OptionalString(string field)
        {
            if (!config.HasPath(field))
                return null;
            if (HoconParts.Of(config.GetValue(field)) is not [HoconLiteral literal])
                throw Error(field, "must be a string");
            return literal.Value;
        }

        public bool Bool(string field)
        {
            var text = OptionalString(field)?.Trim().ToLowerInvariant();
            return text switch
            {
                null => false,
                "on" or "true" or "yes" => true,
                "off" or "false" or "no" => false,
                _ => throw Error(field, $"'{text}' is not on or off"),
            };
        }

        /// <summary>A dotted OID; absent or "" is the whole tree.</summary>
        public Oid TrapOid(string field)
        {
            var text = OptionalString(field)?.Trim() ?? "";
            if (text.Length == 0)
                return default;
            return Oid.TryParse(text, out var oid) ? oid : throw Error(field, $"'{text}' is not a dotted OID (like 1.3.6.1.4.1.9)");
        }

        /// <summary>noAuthNoPriv, authNoPriv, authPriv (snmptrapd's spelling) or kebab-case (auth-priv); always required.</summary>
        public SecurityLevel Level(string field)
        {
            var text = OptionalString(field)?.Trim();
            if (text is null)
                throw Error(field, $"is required ({Levels})");
            var compact = text.Replace("-", "", StringComparison.Ordinal);
            foreach (var level in Enum.GetValues<SecurityLevel>())
            {
                if (string.Equals(compact, level.ToString(), StringComparison.OrdinalIgnoreCase))
                    return level;
            }
            throw Error(field, $"'{text}' is not one of {Levels}");
        }
    }
}
