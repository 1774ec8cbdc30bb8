package dev.kassa.centra.sandbox.integrationapi;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;

/**
 * The Integration API's wiring around Spring for GraphQL: the {@link Gate} in front of {@code /graphql};
 * the token's permissions into each execution and, in every answer, {@code extensions.complexity} and
 * {@code extensions.permissionsUsed} as Centra gives them; a refused field as an error naming why.
 */
@Configuration(proxyBeanMethods = false)
class Extensions {

    @Bean
    FilterRegistrationBean<Gate> integrationApiGate(Tokens tokens, RateLimits limits) {
        FilterRegistrationBean<Gate> registration = new FilterRegistrationBean<>(new Gate(tokens, limits));
        registration.addUrlPatterns("/graphql", "/graphql/*");
        registration.setName("integrationApiGate");
        return registration;
    }

    @Bean
    WebGraphQlInterceptor integrationApiContext() {
        return (request, chain) -> {
            Object granted = request.getAttributes().get(Gate.PERMISSIONS);
            Object complexity = request.getAttributes().get(Gate.COMPLEXITY);
            @SuppressWarnings("unchecked")
            Set<String> permissions = granted instanceof Set<?> s ? (Set<String>) s : Set.of();
            request.configureExecutionInput((input, builder) -> {
                Grants.start(input.getGraphQLContext(), permissions);
                return builder.build();
            });
            return chain.next(request).map(response -> {
                Map<Object, Object> extensions = new LinkedHashMap<>();
                extensions.put("complexity", complexity == null ? 0L : complexity);
                extensions.put("permissionsUsed", List.copyOf(Grants.used(response.getExecutionInput().getGraphQLContext())));
                return response.transform(b -> b.extensions(extensions));
            });
        };
    }

    @Bean
    DataFetcherExceptionResolverAdapter integrationApiErrors() {
        return new DataFetcherExceptionResolverAdapter() {
            @Override
            protected GraphQLError resolveToSingleError(Throwable e, DataFetchingEnvironment env) {
                if (e instanceof Grants.IntegrationApiError) {
                    return GraphqlErrorBuilder.newError(env).message(e.getMessage()).errorType(ErrorType.FORBIDDEN).build();
                }
                if (e instanceof IllegalArgumentException) {
                    return GraphqlErrorBuilder.newError(env).message(e.getMessage()).errorType(ErrorType.BAD_REQUEST).build();
                }
                return null;
            }
        };
    }
}
