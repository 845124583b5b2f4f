package com.amazon.sample.ui.client.checkout.checkout.item;

import com.amazon.sample.ui.client.checkout.checkout.item.submit.SubmitRequestBuilder;
import com.amazon.sample.ui.client.checkout.checkout.item.update.UpdateRequestBuilder;
import com.amazon.sample.ui.client.checkout.models.Checkout;
import com.microsoft.kiota.BaseRequestBuilder;
import com.microsoft.kiota.BaseRequestConfiguration;
import com.microsoft.kiota.HttpMethod;
import com.microsoft.kiota.RequestAdapter;
import com.microsoft.kiota.RequestInformation;
import com.microsoft.kiota.RequestOption;
import com.microsoft.kiota.serialization.Parsable;
import com.microsoft.kiota.serialization.ParsableFactory;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Builds and executes requests for operations under /checkout/{customerId}
 */
@jakarta.annotation.Generated("com.microsoft.kiota")
public class WithCustomerItemRequestBuilder extends BaseRequestBuilder {

  /**
   * The submit property
   * @return a {@link SubmitRequestBuilder}
   */
  @jakarta.annotation.Nonnull
  public SubmitRequestBuilder submit() {
    return new SubmitRequestBuilder(pathParameters, requestAdapter);
  }

  /**
   * The update property
   * @return a {@link UpdateRequestBuilder}
   */
  @jakarta.annotation.Nonnull
  public UpdateRequestBuilder update() {
    return new UpdateRequestBuilder(pathParameters, requestAdapter);
  }

  /**
   * Instantiates a new {@link WithCustomerItemRequestBuilder} and sets the default values.
   * @param pathParameters Path parameters for the request
   * @param requestAdapter The request adapter to use to execute the requests.
   */
  public WithCustomerItemRequestBuilder(
    @jakarta.annotation.Nonnull final HashMap<String, Object> pathParameters,
    @jakarta.annotation.Nonnull final RequestAdapter requestAdapter
  ) {
    super(requestAdapter, "{+baseurl}/checkout/{customerId}", pathParameters);
  }

  /**
   * Instantiates a new {@link WithCustomerItemRequestBuilder} and sets the default values.
   * @param rawUrl The raw URL to use for the request builder.
   * @param requestAdapter The request adapter to use to execute the requests.
   */
  public WithCustomerItemRequestBuilder(
    @jakarta.annotation.Nonnull final String rawUrl,
    @jakarta.annotation.Nonnull final RequestAdapter requestAdapter
  ) {
    super(requestAdapter, "{+baseurl}/checkout/{customerId}", rawUrl);
  }

  /**
   * @return a {@link Checkout}
   */
  @jakarta.annotation.Nullable
  public Checkout get() {
    return get(null);
  }

  /**
   * @param requestConfiguration Configuration for the request such as headers, query parameters, and middleware options.
   * @return a {@link Checkout}
   */
  @jakarta.annotation.Nullable
  public Checkout get(
    @jakarta.annotation.Nullable final java.util.function.Consumer<
      GetRequestConfiguration
    > requestConfiguration
  ) {
    final RequestInformation requestInfo = toGetRequestInformation(
      requestConfiguration
    );
    return this.requestAdapter.send(
        requestInfo,
        null,
        Checkout::createFromDiscriminatorValue
      );
  }

  /**
   * @return a {@link RequestInformation}
   */
  @jakarta.annotation.Nonnull
  public RequestInformation toGetRequestInformation() {
    return toGetRequestInformation(null);
  }

  /**
   * @param requestConfiguration Configuration for the request such as headers, query parameters, and middleware options.
   * @return a {@link RequestInformation}
   */
  @jakarta.annotation.Nonnull
  public RequestInformation toGetRequestInformation(
    @jakarta.annotation.Nullable final java.util.function.Consumer<
      GetRequestConfiguration
    > requestConfiguration
  ) {
    final RequestInformation requestInfo = new RequestInformation(
      HttpMethod.GET,
      urlTemplate,
      pathParameters
    );
    requestInfo.configure(requestConfiguration, GetRequestConfiguration::new);
    requestInfo.headers.tryAdd("Accept", "application/json");
    return requestInfo;
  }

  /**
   * Returns a request builder with the provided arbitrary URL. Using this method means any other path or query parameters are ignored.
   * @param rawUrl The raw URL to use for the request builder.
   * @return a {@link WithCustomerItemRequestBuilder}
   */
  @jakarta.annotation.Nonnull
  public WithCustomerItemRequestBuilder withUrl(
    @jakarta.annotation.Nonnull final String rawUrl
  ) {
    Objects.requireNonNull(rawUrl);
    return new WithCustomerItemRequestBuilder(rawUrl, requestAdapter);
  }

  /**
   * Configuration for the request such as headers, query parameters, and middleware options.
   */
  @jakarta.annotation.Generated("com.microsoft.kiota")
  public class GetRequestConfiguration extends BaseRequestConfiguration {}
}
