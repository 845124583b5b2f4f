package com.amazon.sample.ui.client.checkout.models;

import com.microsoft.kiota.serialization.AdditionalDataHolder;
import com.microsoft.kiota.serialization.Parsable;
import com.microsoft.kiota.serialization.ParseNode;
import com.microsoft.kiota.serialization.SerializationWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

@jakarta.annotation.Generated("com.microsoft.kiota")
public class Checkout implements AdditionalDataHolder, Parsable {

  /**
   * Stores additional data not described in the OpenAPI description found when deserializing. Can be used for serialization as well.
   */
  private Map<String, Object> additionalData;
  /**
   * The deliveryOptionToken property
   */
  private String deliveryOptionToken;
  /**
   * The items property
   */
  private java.util.List<Item> items;
  /**
   * The paymentId property
   */
  private String paymentId;
  /**
   * The paymentToken property
   */
  private String paymentToken;
  /**
   * The shipping property
   */
  private Integer shipping;
  /**
   * The shippingAddress property
   */
  private ShippingAddress shippingAddress;
  /**
   * The shippingRates property
   */
  private ShippingRates shippingRates;
  /**
   * The subtotal property
   */
  private Integer subtotal;
  /**
   * The tax property
   */
  private Integer tax;
  /**
   * The total property
   */
  private Integer total;

  /**
   * Instantiates a new {@link Checkout} and sets the default values.
   */
  public Checkout() {
    this.setAdditionalData(new HashMap<>());
  }

  /**
   * Creates a new instance of the appropriate class based on discriminator value
   * @param parseNode The parse node to use to read the discriminator value and create the object
   * @return a {@link Checkout}
   */
  @jakarta.annotation.Nonnull
  public static Checkout createFromDiscriminatorValue(
    @jakarta.annotation.Nonnull final ParseNode parseNode
  ) {
    Objects.requireNonNull(parseNode);
    return new Checkout();
  }

  /**
   * Gets the AdditionalData property value. Stores additional data not described in the OpenAPI description found when deserializing. Can be used for serialization as well.
   * @return a {@link Map<String, Object>}
   */
  @jakarta.annotation.Nonnull
  public Map<String, Object> getAdditionalData() {
    return this.additionalData;
  }

  /**
   * Gets the deliveryOptionToken property value. The deliveryOptionToken property
   * @return a {@link String}
   */
  @jakarta.annotation.Nullable
  public String getDeliveryOptionToken() {
    return this.deliveryOptionToken;
  }

  /**
   * The deserialization information for the current model
   * @return a {@link Map<String, java.util.function.Consumer<ParseNode>>}
   */
  @jakarta.annotation.Nonnull
  public Map<
    String,
    java.util.function.Consumer<ParseNode>
  > getFieldDeserializers() {
    final HashMap<
      String,
      java.util.function.Consumer<ParseNode>
    > deserializerMap = new HashMap<
      String,
      java.util.function.Consumer<ParseNode>
    >(10);
    deserializerMap.put("deliveryOptionToken", n -> {
      this.setDeliveryOptionToken(n.getStringValue());
    });
    deserializerMap.put("items", n -> {
      this.setItems(
          n.getCollectionOfObjectValues(Item::createFromDiscriminatorValue)
        );
    });
    deserializerMap.put("paymentId", n -> {
      this.setPaymentId(n.getStringValue());
    });
    deserializerMap.put("paymentToken", n -> {
      this.setPaymentToken(n.getStringValue());
    });
    deserializerMap.put("shipping", n -> {
      this.setShipping(n.getIntegerValue());
    });
    deserializerMap.put("shippingAddress", n -> {
      this.setShippingAddress(
          n.getObjectValue(ShippingAddress::createFromDiscriminatorValue)
        );
    });
    deserializerMap.put("shippingRates", n -> {
      this.setShippingRates(
          n.getObjectValue(ShippingRates::createFromDiscriminatorValue)
        );
    });
    deserializerMap.put("subtotal", n -> {
      this.setSubtotal(n.getIntegerValue());
    });
    deserializerMap.put("tax", n -> {
      this.setTax(n.getIntegerValue());
    });
    deserializerMap.put("total", n -> {
      this.setTotal(n.getIntegerValue());
    });
    return deserializerMap;
  }

  /**
   * Gets the items property value. The items property
   * @return a {@link java.util.List<Item>}
   */
  @jakarta.annotation.Nullable
  public java.util.List<Item> getItems() {
    return this.items;
  }

  /**
   * Gets the paymentId property value. The paymentId property
   * @return a {@link String}
   */
  @jakarta.annotation.Nullable
  public String getPaymentId() {
    return this.paymentId;
  }

  /**
   * Gets the paymentToken property value. The paymentToken property
   * @return a {@link String}
   */
  @jakarta.annotation.Nullable
  public String getPaymentToken() {
    return this.paymentToken;
  }

  /**
   * Gets the shipping property value. The shipping property
   * @return a {@link Integer}
   */
  @jakarta.annotation.Nullable
  public Integer getShipping() {
    return this.shipping;
  }

  /**
   * Gets the shippingAddress property value. The shippingAddress property
   * @return a {@link ShippingAddress}
   */
  @jakarta.annotation.Nullable
  public ShippingAddress getShippingAddress() {
    return this.shippingAddress;
  }

  /**
   * Gets the shippingRates property value. The shippingRates property
   * @return a {@link ShippingRates}
   */
  @jakarta.annotation.Nullable
  public ShippingRates getShippingRates() {
    return this.shippingRates;
  }

  /**
   * Gets the subtotal property value. The subtotal property
   * @return a {@link Integer}
   */
  @jakarta.annotation.Nullable
  public Integer getSubtotal() {
    return this.subtotal;
  }

  /**
   * Gets the tax property value. The tax property
   * @return a {@link Integer}
   */
  @jakarta.annotation.Nullable
  public Integer getTax() {
    return this.tax;
  }

  /**
   * Gets the total property value. The total property
   * @return a {@link Integer}
   */
  @jakarta.annotation.Nullable
  public Integer getTotal() {
    return this.total;
  }

  /**
   * Serializes information the current object
   * @param writer Serialization writer to use to serialize this model
   */
  public void serialize(
    @jakarta.annotation.Nonnull final SerializationWriter writer
  ) {
    Objects.requireNonNull(writer);
    writer.writeStringValue(
      "deliveryOptionToken",
      this.getDeliveryOptionToken()
    );
    writer.writeCollectionOfObjectValues("items", this.getItems());
    writer.writeStringValue("paymentId", this.getPaymentId());
    writer.writeStringValue("paymentToken", this.getPaymentToken());
    writer.writeIntegerValue("shipping", this.getShipping());
    writer.writeObjectValue("shippingAddress", this.getShippingAddress());
    writer.writeObjectValue("shippingRates", this.getShippingRates());
    writer.writeIntegerValue("subtotal", this.getSubtotal());
    writer.writeIntegerValue("tax", this.getTax());
    writer.writeIntegerValue("total", this.getTotal());
    writer.writeAdditionalData(this.getAdditionalData());
  }

  /**
   * Sets the AdditionalData property value. Stores additional data not described in the OpenAPI description found when deserializing. Can be used for serialization as well.
   * @param value Value to set for the AdditionalData property.
   */
  public void setAdditionalData(
    @jakarta.annotation.Nullable final Map<String, Object> value
  ) {
    this.additionalData = value;
  }

  /**
   * Sets the deliveryOptionToken property value. The deliveryOptionToken property
   * @param value Value to set for the deliveryOptionToken property.
   */
  public void setDeliveryOptionToken(
    @jakarta.annotation.Nullable final String value
  ) {
    this.deliveryOptionToken = value;
  }

  /**
   * Sets the items property value. The items property
   * @param value Value to set for the items property.
   */
  public void setItems(
    @jakarta.annotation.Nullable final java.util.List<Item> value
  ) {
    this.items = value;
  }

  /**
   * Sets the paymentId property value. The paymentId property
   * @param value Value to set for the paymentId property.
   */
  public void setPaymentId(@jakarta.annotation.Nullable final String value) {
    this.paymentId = value;
  }

  /**
   * Sets the paymentToken property value. The paymentToken property
   * @param value Value to set for the paymentToken property.
   */
  public void setPaymentToken(@jakarta.annotation.Nullable final String value) {
    this.paymentToken = value;
  }

  /**
   * Sets the shipping property value. The shipping property
   * @param value Value to set for the shipping property.
   */
  public void setShipping(@jakarta.annotation.Nullable final Integer value) {
    this.shipping = value;
  }

  /**
   * Sets the shippingAddress property value. The shippingAddress property
   * @param value Value to set for the shippingAddress property.
   */
  public void setShippingAddress(
    @jakarta.annotation.Nullable final ShippingAddress value
  ) {
    this.shippingAddress = value;
  }

  /**
   * Sets the shippingRates property value. The shippingRates property
   * @param value Value to set for the shippingRates property.
   */
  public void setShippingRates(
    @jakarta.annotation.Nullable final ShippingRates value
  ) {
    this.shippingRates = value;
  }

  /**
   * Sets the subtotal property value. The subtotal property
   * @param value Value to set for the subtotal property.
   */
  public void setSubtotal(@jakarta.annotation.Nullable final Integer value) {
    this.subtotal = value;
  }

  /**
   * Sets the tax property value. The tax property
   * @param value Value to set for the tax property.
   */
  public void setTax(@jakarta.annotation.Nullable final Integer value) {
    this.tax = value;
  }

  /**
   * Sets the total property value. The total property
   * @param value Value to set for the total property.
   */
  public void setTotal(@jakarta.annotation.Nullable final Integer value) {
    this.total = value;
  }
}
