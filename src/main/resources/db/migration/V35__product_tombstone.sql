-- A deleted product's deletion time, kept even when none of its variants was known, so a products/create or
-- products/update written before the deletion but delivered after it does not bring the product back.
CREATE TABLE product_tombstone (
    store       VARCHAR(300) NOT NULL,
    product_id  VARCHAR(64)  NOT NULL,
    deleted_at  BIGINT       NOT NULL,
    delivery_id BIGINT,
    PRIMARY KEY (store, product_id)
);
