using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ClaimMl;

/// <summary>Registers ClaimMl with a <see cref="IServiceCollection"/>.</summary>
public static class ClaimCheckingServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="ClaimChecker"/> as a singleton. A checker is immutable and thread-safe, so
    /// the one instance serves every request and thread; its model is loaded when it is first resolved
    /// (resolve it at startup to load the model early and fail fast on a bad model file).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Chooses the model; omit it for the model shipped inside the package.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <remarks>
    /// Resolving the checker throws <see cref="ClaimMlModelException"/> when a chosen model is missing or
    /// unusable, and <see cref="OptionsValidationException"/> when both <see cref="ClaimCheckingOptions.ModelPath"/>
    /// and <see cref="ClaimCheckingOptions.ModelStreamFactory"/> are set, both <see cref="ClaimCheckingOptions.JudgePath"/>
    /// and <see cref="ClaimCheckingOptions.JudgeStreamFactory"/>, or a judge with <see cref="ClaimCheckingMode.LexicalOnly"/>.
    /// The container owns the checker and disposes it (and a judge it loaded from a file) with itself.
    /// </remarks>
    public static IServiceCollection AddClaimChecking(this IServiceCollection services, Action<ClaimCheckingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<ClaimCheckingOptions> options = services.AddOptions<ClaimCheckingOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }
        options.Validate(o => o.ModelPath is null || o.ModelStreamFactory is null,
            $"Set {nameof(ClaimCheckingOptions)}.{nameof(ClaimCheckingOptions.ModelPath)} or {nameof(ClaimCheckingOptions.ModelStreamFactory)}, not both.");
        options.Validate(o => o.JudgePath is null || o.JudgeStreamFactory is null,
            $"Set {nameof(ClaimCheckingOptions)}.{nameof(ClaimCheckingOptions.JudgePath)} or {nameof(ClaimCheckingOptions.JudgeStreamFactory)}, not both.");
        options.Validate(o => o.Mode == ClaimCheckingMode.Judged || (o.JudgePath is null && o.JudgeStreamFactory is null),
            $"{nameof(ClaimCheckingOptions)}.{nameof(ClaimCheckingOptions.Mode)} is {nameof(ClaimCheckingMode.LexicalOnly)}: a judge model would not be used.");
        options.Validate(o => Enum.IsDefined(o.Mode), $"{nameof(ClaimCheckingOptions)}.{nameof(ClaimCheckingOptions.Mode)} is not a {nameof(ClaimCheckingMode)}.");
        options.Validate(o => o.Limits is not null, $"{nameof(ClaimCheckingOptions)}.{nameof(ClaimCheckingOptions.Limits)} must not be null.");
        services.TryAddSingleton(static provider => CreateChecker(provider.GetRequiredService<IOptions<ClaimCheckingOptions>>().Value));
        return services;
    }

    internal static ClaimChecker CreateChecker(ClaimCheckingOptions options)
    {
        bool ownJudge = options.JudgePath is not null || options.JudgeStreamFactory is not null;
        // The stance model, with the embedded judge unless the options name one of their own (loaded below).
        ClaimChecker checker = Load(options, ownJudge ? ClaimCheckingMode.LexicalOnly : options.Mode).WithLimits(options.Limits);
        if (options.JudgeStreamFactory is { } openJudge)
        {
            using Stream stream = openJudge() ?? throw new ClaimMlModelException($"{nameof(ClaimCheckingOptions)}.{nameof(ClaimCheckingOptions.JudgeStreamFactory)} returned no stream.");
            return checker.WithJudge(stream);
        }
        return options.JudgePath is null ? checker : checker.WithJudge(options.JudgePath);
    }

    private static ClaimChecker Load(ClaimCheckingOptions options, ClaimCheckingMode mode)
    {
        if (options.ModelStreamFactory is { } open)
        {
            using Stream stream = open() ?? throw new ClaimMlModelException($"{nameof(ClaimCheckingOptions)}.{nameof(ClaimCheckingOptions.ModelStreamFactory)} returned no stream.");
            return ClaimChecker.Load(stream, mode);
        }
        return options.ModelPath is null ? ClaimChecker.CreateDefault(mode) : ClaimChecker.Load(options.ModelPath, mode);
    }
}
