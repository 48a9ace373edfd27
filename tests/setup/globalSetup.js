// Every suite runs in UTC so that dates in outputs and golden files do not depend on the machine.
module.exports = async () => {
  process.env.TZ = "UTC";
};
