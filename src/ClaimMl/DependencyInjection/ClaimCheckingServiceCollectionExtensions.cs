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
    /// Resolving the checker throws <see cref="ClaimMlModelException"/> when the chosen model is missing or
    /// unusable, and <see cref="OptionsValidationException"/> when both <see cref="ClaimCheckingOptions.ModelPath"/>
    /// and <see cref="ClaimCheckingOptions.ModelStreamFactory"/> are set.
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
        options.Validate(o => o.Limits is not null, $"{nameof(ClaimCheckingOptions)}.{nameof(ClaimCheckingOptions.Limits)} must not be null.");
        services.TryAddSingleton(static provider => CreateChecker(provider.GetRequiredService<IOptions<ClaimCheckingOptions>>().Value));
        return services;
    }

    internal static ClaimChecker CreateChecker(ClaimCheckingOptions options) => Load(options).WithLimits(options.Limits);

    private static ClaimChecker Load(ClaimCheckingOptions options)
    {
        if (options.ModelStreamFactory is { } open)
        {
            using Stream stream = open() ?? throw new ClaimMlModelException($"{nameof(ClaimCheckingOptions)}.{nameof(ClaimCheckingOptions.ModelStreamFactory)} returned no stream.");
            return ClaimChecker.Load(stream);
        }
        return options.ModelPath is null ? ClaimChecker.CreateDefault() : ClaimChecker.Load(options.ModelPath);
    }
}
